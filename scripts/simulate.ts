/**
 * `npm run simulate -- --tenant T --chargers N [--api-url URL --api-key KEY] [--ocpp-url ws://127.0.0.1:9000]
 *  [--duration S] [--password P] [--prefix SIM] [--id-tags A,B] [--meter-interval 5]`
 *
 * --ocpp-url is the listener's base (the simulator appends /ocpp/<tenant>/<id>); it and --api-url default
 * to 127.0.0.1 on OCPP_PORT and API_PORT (9000 and 4000 when unset).
 * Real OCPP 1.6-J charge points (ocpp-rpc, strict mode) that boot, charge and answer every CSMS command.
 * With --api-key they first create their charge points and id tags through GraphQL.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_OPTIONS, runSimulator, simulatorIdTags } from '../src/sim/simulator';

const ocppUrl = `ws://127.0.0.1:${process.env.OCPP_PORT || 9000}`;
const apiUrl = `http://127.0.0.1:${process.env.API_PORT || 4000}`;
const USAGE = `usage: npm run simulate -- --tenant <slug> [--chargers N (3)] [--duration S (60)]
  [--api-key KEY [--api-url URL (${apiUrl})]]   create the charge points and id tags first
  [--ocpp-url URL (${ocppUrl})]   the OCPP listener; /ocpp/<tenant>/<id> is appended
  [--password P] [--prefix SIM] [--id-tags A,B,... (SIM-TAG-1.., two per charger)] [--meter-interval S (5)]`;

const { values } = parseArgs({
  options: {
    tenant: { type: 'string' },
    chargers: { type: 'string', default: String(DEFAULT_OPTIONS.chargers) },
    'ocpp-url': { type: 'string', default: ocppUrl },
    'api-url': { type: 'string' },
    'api-key': { type: 'string' },
    duration: { type: 'string', default: String(DEFAULT_OPTIONS.durationS) },
    password: { type: 'string' },
    prefix: { type: 'string', default: DEFAULT_OPTIONS.prefix },
    'id-tags': { type: 'string' },
    'meter-interval': { type: 'string', default: String(DEFAULT_OPTIONS.meterIntervalS) },
  },
});

if (!values.tenant) {
  console.error(USAGE);
  process.exit(2);
}
const chargers = Number(values.chargers);
const durationS = Number(values.duration);
if (!Number.isInteger(chargers) || chargers < 1 || chargers > 2000 || !(durationS > 0) || durationS > 86_400) {
  console.error('--chargers must be 1..2000 and --duration 1..86400 seconds (use npm run bench for load)');
  process.exit(2);
}

runSimulator({
  ...DEFAULT_OPTIONS,
  tenant: values.tenant,
  chargers,
  durationS,
  ocppUrl: values['ocpp-url']!,
  apiUrl: values['api-url'] ?? (values['api-key'] ? apiUrl : undefined),
  apiKey: values['api-key'],
  password: values.password,
  prefix: values.prefix!,
  idTags: values['id-tags'] ? values['id-tags'].split(',').filter(Boolean) : simulatorIdTags(chargers),
  meterIntervalS: Number(values['meter-interval']),
}).then(
  (code) => process.exit(code),
  (error) => {
    console.error('simulate failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
