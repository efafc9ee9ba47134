import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ApolloGateway } from '@apollo/gateway';
import { composeSupergraph, SUPERGRAPH_FILE } from '../schema/compose-supergraph.ts';
import { gatewayView } from '../gateway/supergraph.ts';
import { parse, validate } from 'graphql';
import { loadManifest, MANIFEST_FILE } from '../gateway/persisted-operations.ts';
import { MANIFEST_JSON } from '../schema/persisted-manifest.ts';
import { checkAgainstRelease, describeRefusal } from '../schema/release-check.ts';

describe('the supergraph in schema/', () => {
  it('is what the subgraphs compose to now (run `npm run compose` when this fails)', () => {
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(composeSupergraph());
  });

  it('keeps the authorization directives visible to every reader of the schema', () => {
    const sdl = readFileSync(SUPERGRAPH_FILE, 'utf8');
    expect(sdl).toMatch(/@link\(url: "https:\/\/specs\.apollo\.dev\/requiresScopes\/v0\.1", for: SECURITY\)/);
  });

  it('loads in @apollo/gateway once the subgraph-enforced security features are declared as such', async () => {
    const sdl = readFileSync(SUPERGRAPH_FILE, 'utf8');
    await expect(new ApolloGateway({ supergraphSdl: sdl }).load()).rejects.toThrow(/for: SECURITY but is unsupported/);
    const gateway = new ApolloGateway({ supergraphSdl: gatewayView(sdl) });
    const { schema } = await gateway.load();
    expect(schema.getType('Citizen')).toBeDefined();
    await gateway.stop();
  });

  it('makes no breaking change against schema/released/ that schema/CHANGELOG.md does not accept', async () => {
    const { refused } = await checkAgainstRelease();
    expect(refused, describeRefusal(refused)).toEqual([]);
  });

  it('describes every type, field and argument', () => {
    const undocumented: string[] = [];
    const sdl = readFileSync(SUPERGRAPH_FILE, 'utf8');
    const gateway = new ApolloGateway({ supergraphSdl: gatewayView(sdl) });
    return gateway.load().then(async ({ schema }) => {
      for (const type of Object.values(schema.getTypeMap())) {
        if (type.name.startsWith('__')) continue;
        if (!type.description) undocumented.push(type.name);
        if ('getFields' in type) {
          for (const field of Object.values(type.getFields())) {
            if (!field.description) undocumented.push(`${type.name}.${field.name}`);
            for (const arg of 'args' in field ? field.args : []) if (!arg.description) undocumented.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
        if ('getValues' in type) for (const value of type.getValues()) if (!value.description) undocumented.push(`${type.name}.${value.name}`);
      }
      await gateway.stop();
      expect(undocumented.filter((name) => !['Query', 'String', 'Boolean', 'Int', 'Float', 'ID'].includes(name))).toEqual([]);
    });
  });
});

describe('the persisted-operation manifest', () => {
  it('is what schema/operations/ builds now (run `npm run compose` when this fails)', () => {
    expect(readFileSync(MANIFEST_FILE, 'utf8')).toBe(MANIFEST_JSON());
  });

  it('holds only operations valid against the supergraph, each id the SHA-256 of its body', async () => {
    const gateway = new ApolloGateway({ supergraphSdl: gatewayView(readFileSync(SUPERGRAPH_FILE, 'utf8')) });
    const { schema } = await gateway.load();
    for (const operation of loadManifest().values()) {
      expect(validate(schema, parse(operation.body)), operation.name).toEqual([]);
    }
    await gateway.stop();
  });
});
