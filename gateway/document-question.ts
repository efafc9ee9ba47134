import { BREAK, visit, type ASTKindToNode, type ASTVisitor, type DocumentNode } from 'graphql';

/**
 * A yes/no question about a parsed document: whether any node of `kind` matches. Answered once
 * per document, since Apollo hands a repeated query's cached document back.
 */
export function documentQuestion<K extends keyof ASTKindToNode>(kind: K, matches: (node: ASTKindToNode[K]) => boolean): (document: DocumentNode) => boolean {
  const answers = new WeakMap<DocumentNode, boolean>();
  return (document) => {
    let answer = answers.get(document);
    if (answer === undefined) {
      let found = false;
      const visitor = {
        [kind]: (node: ASTKindToNode[K]) => {
          if (!matches(node)) return undefined;
          found = true;
          return BREAK;
        },
      } as ASTVisitor;
      visit(document, visitor);
      answer = found;
      answers.set(document, answer);
    }
    return answer;
  };
}
