import { isScalarType, type GraphQLSchema } from 'graphql';
import { scalarResolvers } from '../platform/domain/index.ts';

/**
 * The supergraph tells the gateway only that NINO, Postcode and the rest are custom scalars.
 * Giving the gateway's own schema our parsers means a malformed argument is refused with a
 * typed error before any subgraph or legacy system is called. Output values are already
 * serialised by the subgraphs, so `serialize` stays as it is.
 */
export function enforceInputScalars(schema: GraphQLSchema): void {
  for (const [name, scalar] of Object.entries(scalarResolvers)) {
    const type = schema.getType(name);
    if (!type || !isScalarType(type)) continue;
    type.parseValue = scalar.parseValue.bind(scalar);
    type.parseLiteral = scalar.parseLiteral.bind(scalar);
  }
}
