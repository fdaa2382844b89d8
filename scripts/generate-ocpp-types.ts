/**
 * `npm run codegen:ocpp [-- OUT_DIR]`: OCPP 1.6 payload types, one request and one response type per action,
 * generated from the same schemas ajv validates with (src/ocpp/schemas.ts) into src/ocpp/generated/ocpp16.ts.
 * test/generated-types.test.ts regenerates them and fails when the committed file is stale.
 */
import { isDeepStrictEqual } from 'node:util';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import { messageSchemas } from '../src/ocpp/schemas';

export const OCPP_TYPES_FILE = 'ocpp16.ts';

const BANNER = [
  '/* eslint-disable */',
  '// GENERATED FILE: do not edit. Source: the OCPP 1.6 and security-extension JSON schemas (src/ocpp/schemas.ts);',
  '// regenerate with `npm run codegen:ocpp`.',
].join('\n');

// Keyed by action, so handlers and commands can be generic over it.
const ACTION_MAPS = `
/** Every OCPP 1.6 action (core and security extension), either direction. */
export type OcppAction = keyof OcppRequests;
/** The payload of an action's CALL. */
export type OcppRequest<A extends OcppAction> = OcppRequests[A];
/** The payload of an action's CALLRESULT. */
export type OcppResponse<A extends OcppAction> = OcppResponses[A];
`;

/** Annotations for other generators (`javaType`), which say nothing about a message's shape. */
function withoutAnnotations(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutAnnotations);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(Object.entries(schema).filter(([key]) => key !== 'javaType').map(([key, value]) => [key, withoutAnnotations(value)]));
}

function actionMap(title: string, description: string, typeNames: Map<string, string>): JSONSchema {
  return {
    title,
    description,
    type: 'object',
    additionalProperties: false,
    required: [...typeNames.keys()],
    properties: Object.fromEntries([...typeNames].map(([action, typeName]) => [action, { $ref: `#/definitions/${typeName}` }])),
  };
}

/** The generated module's text. */
export async function generateOcppTypes(): Promise<string> {
  // One schema holding every message, so definitions shared between messages (the security extension's
  // CertificateHashDataType, ...) become one type; `$ref: #/definitions/X` in a message then points at it.
  const definitions: Record<string, JSONSchema> = {};
  const requests = new Map<string, string>();
  const responses = new Map<string, string>();
  const entries = messageSchemas().sort((a, b) => a.action.localeCompare(b.action) || a.direction.localeCompare(b.direction));
  for (const { action, direction, schema } of entries) {
    const { definitions: shared = {}, $schema: _draft, ...message } = withoutAnnotations(schema) as Record<string, unknown>;
    for (const [name, definition] of Object.entries(shared as Record<string, JSONSchema>)) {
      if (definitions[name] && !isDeepStrictEqual(definitions[name], definition)) {
        throw new Error(`Two different schema definitions named ${name} (the second in ${action}.${direction})`);
      }
      definitions[name] = definition;
    }
    const typeName = `${action}${direction === 'req' ? 'Request' : 'Response'}`;
    if (definitions[typeName]) throw new Error(`Schema definition ${typeName} clashes with a message type`);
    definitions[typeName] = { ...message, title: typeName };
    (direction === 'req' ? requests : responses).set(action, typeName);
  }
  definitions.OcppRequests = actionMap('OcppRequests', 'Each action\'s CALL payload, by action name.', requests);
  definitions.OcppResponses = actionMap('OcppResponses', 'Each action\'s CALLRESULT payload, by action name.', responses);
  const root: JSONSchema = {
    title: 'OcppMessages',
    description: 'Requests and responses of every OCPP 1.6 action.',
    type: 'object',
    additionalProperties: false,
    required: ['requests', 'responses'],
    properties: { requests: { $ref: '#/definitions/OcppRequests' }, responses: { $ref: '#/definitions/OcppResponses' } },
    definitions,
  };
  const types = await compile(root, 'OcppMessages', {
    bannerComment: BANNER,
    unknownAny: true,
    // Item counts stay ajv's to check: a `[T, ...T[]]` tuple for `minItems: 1` only gets in the way of `.map()`.
    ignoreMinAndMaxItems: true,
    strictIndexSignatures: true,
    style: { singleQuote: true, printWidth: 120 },
  });
  return types + ACTION_MAPS;
}

export async function writeOcppTypes(outDir: string): Promise<string> {
  const file = path.join(outDir, OCPP_TYPES_FILE);
  await mkdir(outDir, { recursive: true });
  await writeFile(file, await generateOcppTypes());
  return file;
}

if (require.main === module) {
  const outDir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'src', 'ocpp', 'generated'));
  writeOcppTypes(outDir).then(
    (file) => console.log(`wrote ${path.relative(process.cwd(), file)}`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
