import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, NoSchemaIntrospectionCustomRule, parse, type DocumentNode, type ParseOptions, type Source, type ValidationContext, type ValidationRule } from 'graphql';
import { BadInputError } from '../platform/errors';
import { NoNulInStringsRule } from './nul-refusal';

/**
 * What one request may ask for, so a single query cannot take the server down. Today's schema has no
 * cycles (its deepest query, chargePoints.edges.node.connectors.field, is 5 levels), so the depth cap
 * guards future types; aliases are capped so one request cannot fan out into many commands or list scans.
 * Rows are bounded by the page caps; the cost limit is a net for absurd selections only: a full page of
 * transactions with every field and meter value costs about 26,000 by its estimate, ten times under it.
 */
export const MAX_DEPTH = 10;
export const MAX_ALIASES = 20;
export const MAX_COST = 250_000;

/**
 * Parsing and validating cost time in proportion to a document's tokens, before any key is checked: a
 * 1 MiB POST body of repeated selections (270,000 tokens) held the event loop for 0.9 s, a 256 KiB
 * graphql-ws message for as long. The parser stops past this many tokens. The cap leaves room for a client
 * that writes a long list inline instead of in variables: a sendLocalList of 1,000 entries with expiry
 * dates is about 15,000 tokens (parsed in about 4 ms, validated in 20-30 ms here); GraphiQL's
 * introspection query is about 200.
 */
export const MAX_TOKENS = 20_000;
export const PARSE_OPTIONS: ParseOptions = { maxTokens: MAX_TOKENS };

/** graphql's parse with the token cap: what every GraphQL document from a client goes through. */
export function parseDocument(source: string | Source): DocumentNode {
  return parse(source, PARSE_OPTIONS);
}

export function validationRules(options: { introspection: boolean }): ValidationRule[] {
  // Report as validation errors (the client's fault) instead of throwing out of validation.
  // (graphql-armor words its refusals "Syntax Error: ..."; the query's syntax was fine.)
  const refuse = (context: ValidationContext | null, error: GraphQLError) => context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { nodes: error.nodes }));
  const report = { exposeLimits: true, propagateOnRejection: false, onReject: [refuse] };
  const rules: ValidationRule[] = [
    maxDepthRule({ n: MAX_DEPTH, ...report }),
    maxAliasesRule({ n: MAX_ALIASES, ...report }),
    costLimitRule({ maxCost: MAX_COST, ...report }),
    NoNulInStringsRule,
  ];
  if (!options.introspection) rules.push(NoSchemaIntrospectionCustomRule);
  return rules;
}

/**
 * A page size: the schema's default when left out, capped at `max` (Relay lets a server return fewer;
 * pageInfo.hasNextPage tells the client to go on). Negative is the client's mistake.
 */
export function pageSize(first: number | null | undefined, fallback: number, max: number): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 0) throw new BadInputError('first must be zero or more', 'first');
  return Math.min(size, max);
}
