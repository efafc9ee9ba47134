import type { ApolloServerPlugin, BaseContext, GraphQLRequest } from '@apollo/server';
import { sharedListenerPlugin } from '../platform/http/index.ts';
import { GraphQLError, Kind, validate, visit, type DocumentNode, type GraphQLSchema, type SelectionSetNode, type ValidationContext, type ValidationRule, type ValueNode } from 'graphql';
import { AppError, ERROR_CATALOGUE } from '../platform/errors/index.ts';
import { documentQuestion } from './document-question.ts';

/** A query over one of the limits; Apollo answers it as it is, with its 400 status. */
export class QueryLimitError extends AppError {
  constructor(message: string) {
    super('QUERY_LIMIT_EXCEEDED', message, { extensions: { http: { status: ERROR_CATALOGUE.QUERY_LIMIT_EXCEEDED.httpStatus } } });
  }
}

/**
 * graphql-armor's `onReject` handler: stops the check at the first limit broken, where armor
 * would otherwise report it and let validation run on (one error per repeated directive).
 */
export function stopAtLimit(_context: ValidationContext | null, error: GraphQLError): never {
  throw new QueryLimitError(error.message.replace(/^Syntax Error: /, ''));
}

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * Refuses an operation selecting more than `max` fields, counted as executed: every field and
 * alias, `__typename` included, and a fragment each time it is spread. 500 copies of one field
 * cost the server 500 resolutions even though the answer holds it once. Introspection, for
 * analysts only, is a finite schema and is not counted.
 */
export function maxSelectionsRule(max: number): ValidationRule {
  return (context) => {
    const fragmentSizes = new Map<string, number>();
    const count = (selectionSet: SelectionSetNode | undefined): number => {
      let total = 0;
      for (const selection of selectionSet?.selections ?? []) {
        if (selection.kind === Kind.FIELD) {
          if (!INTROSPECTION_ROOTS.has(selection.name.value)) total += 1 + count(selection.selectionSet);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          total += count(selection.selectionSet);
        } else {
          const name = selection.name.value;
          // A fragment being counted counts 0 when met again: a cycle, which validation refuses anyway.
          if (!fragmentSizes.has(name)) {
            fragmentSizes.set(name, 0);
            fragmentSizes.set(name, count(context.getFragment(name)?.selectionSet));
          }
          total += fragmentSizes.get(name) ?? 0;
        }
        if (total > max) break;
      }
      return total;
    };
    return {
      OperationDefinition(operation) {
        if (count(operation.selectionSet) > max) throw new QueryLimitError(`Selections limit of ${max} exceeded: every field, alias and fragment spread counts.`);
      },
    };
  };
}

/** Refuses a directive repeated at one location (none of this graph's directives is repeatable): directive overloading. */
export const noRepeatedDirectivesRule: ValidationRule = () => ({
  enter(node) {
    if (!('directives' in node) || !node.directives || node.directives.length < 2) return;
    const seen = new Set<string>();
    for (const directive of node.directives) {
      if (seen.has(directive.name.value)) throw new QueryLimitError(`Directive @${directive.name.value} is repeated at one location; each may appear once.`);
      seen.add(directive.name.value);
    }
  },
});

/** The arguments the cost limit multiplies a selection's cost by. */
const PAGE_SIZE_ARGUMENTS = new Set(['first', 'last']);

const hasPageSizeVariable = documentQuestion(Kind.ARGUMENT, (node) => PAGE_SIZE_ARGUMENTS.has(node.name.value) && node.value.kind === Kind.VARIABLE);

/**
 * The document with each page size given as a variable written in as the value the request
 * sends (or the variable's default), so that the cost limit, which reads only literals,
 * counts `first: $n` as it counts `first: 100`; undefined when no page size is a variable.
 * A value that is no integer is left to graphql-js, which refuses it.
 */
function withPageSizesWrittenIn(document: DocumentNode, variables: Readonly<Record<string, unknown>> | undefined): DocumentNode | undefined {
  if (!hasPageSizeVariable(document)) return undefined;
  const defaults = new Map<string, ValueNode>();
  visit(document, {
    VariableDefinition(node) {
      if (node.defaultValue) defaults.set(node.variable.name.value, node.defaultValue);
    },
  });
  return visit(document, {
    Argument(node) {
      if (!PAGE_SIZE_ARGUMENTS.has(node.name.value) || node.value.kind !== Kind.VARIABLE) return undefined;
      const name = node.value.name.value;
      const sent = variables?.[name];
      if (Number.isInteger(sent)) return { ...node, value: { kind: Kind.INT, value: String(sent) } };
      return sent === undefined && defaults.has(name) ? { ...node, value: defaults.get(name) } : undefined;
    },
  });
}

/**
 * Checks the limit rules before graphql-js validation, so a hostile document costs one pass
 * that stops at the first limit it breaks, and is answered with that one error. (Run among
 * Apollo's validation rules, a broken limit would still leave every other rule to report on
 * the same flood.) Apollo has no hook to refuse a request here, so the error leaves through
 * `unexpectedErrorProcessingRequest`, which Apollo answers with the error as it is: a 400.
 */
export function queryLimitsPlugin<TContext extends BaseContext>(
  rules: readonly ValidationRule[],
  /** Told of each refusal before it is answered, e.g. to audit it as an attempt on the citizens the query named. */
  onRefused: (context: TContext, request: GraphQLRequest, error: QueryLimitError) => Promise<void>,
): ApolloServerPlugin<TContext> {
  async function checkLimits(schema: GraphQLSchema, document: DocumentNode, context: TContext, request: GraphQLRequest): Promise<void> {
    try {
      validate(schema, document, rules);
    } catch (error) {
      if (error instanceof QueryLimitError) await onRefused(context, request, error);
      throw error;
    }
  }
  return sharedListenerPlugin<TContext>(
    {
      async validationDidStart({ schema, document, contextValue, request }) {
        await checkLimits(schema, document, contextValue, request);
      },
      // Every request, cached documents included: page sizes given as variables are known only now.
      async didResolveOperation({ schema, document, contextValue, request }) {
        const written = withPageSizesWrittenIn(document, request.variables);
        if (written) await checkLimits(schema, written, contextValue, request);
      },
    },
    {
      async unexpectedErrorProcessingRequest({ error }) {
        if (error instanceof QueryLimitError) throw error;
      },
    },
  );
}
