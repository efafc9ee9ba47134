import { describe, expect, it } from 'vitest';
import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { selectsAnyField } from './selection.ts';

/** The resolve info of the first root field of `document`, as graphql-js would pass it. */
function infoOf(document: string) {
  const parsed = parse(document);
  const operation = parsed.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    parsed.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
}

describe('selectsAnyField', () => {
  it.each([
    ['a direct sub-field', '{ awards { benefit nextPayment { date } } }', true],
    ['a deeper sub-field', '{ awards { history { recentPayments { date } } } }', true],
    ['through an inline fragment', '{ awards { ... on Award { recentPayments { date } } } }', true],
    ['through a fragment spread', '{ awards { ...Schedule } } fragment Schedule on Award { nextPayment { date } }', true],
    ['through nested spreads', '{ awards { ...A } } fragment A on Award { ...B } fragment B on Award { nextPayment { date } }', true],
    ['under a @skip it cannot evaluate (never a wrong no)', '{ awards { nextPayment @skip(if: true) { date } } }', true],
    ['none of them', '{ awards { benefit amount components { kind } } }', false],
    ['only the field itself, not its sub-fields', '{ nextPayment }', false],
    ['a spread of a fragment that selects none', '{ awards { ...Plain } } fragment Plain on Award { benefit }', false],
  ])('finds %s: %s', (_case, document, expected) => {
    expect(selectsAnyField(infoOf(document), ['nextPayment', 'recentPayments'])).toBe(expected);
  });
});
