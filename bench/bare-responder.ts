/**
 * The ceiling: a minimal OCPP-J responder that accepts any /ocpp/... socket offering ocpp1.6 and answers
 * each CALL with a fixed, schema-valid CALLRESULT. It stores nothing, checks nothing and publishes
 * nothing, so the same load against it shows what the machine, Node and `ws` cost by themselves.
 * Started by bench/run.ts with the port in argv[2]; prints "listening <port>" when ready.
 *
 * GET /metrics serves the two figures the bench scrapes from QCharge, under prom-client's names and with
 * its method (a monitorEventLoopDelay histogram at 10 ms resolution, reset by each scrape), so both
 * servers' event-loop lag timelines are measured the same way.
 */
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { WebSocketServer } from 'ws';

const FIXED: Record<string, string> = {
  BootNotification: JSON.stringify({ status: 'Accepted', currentTime: new Date().toISOString(), interval: 300 }),
  Heartbeat: JSON.stringify({ currentTime: new Date().toISOString() }),
  Authorize: JSON.stringify({ idTagInfo: { status: 'Accepted' } }),
  StartTransaction: JSON.stringify({ transactionId: 1, idTagInfo: { status: 'Accepted' } }),
  StopTransaction: JSON.stringify({ idTagInfo: { status: 'Accepted' } }),
};

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

const server = http.createServer((req, res) => {
  if (req.url !== '/metrics') {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end(`nodejs_eventloop_lag_max_seconds ${loopDelay.max / 1e9}\nnodejs_heap_size_used_bytes ${process.memoryUsage().heapUsed}\n`);
  loopDelay.reset();
});
const wss = new WebSocketServer({
  server,
  perMessageDeflate: false,
  handleProtocols: (protocols) => (protocols.has('ocpp1.6') ? 'ocpp1.6' : false),
});
wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    const text = data.toString();
    const frame = JSON.parse(text);
    if (frame[0] !== 2) return;
    socket.send(`[3,${JSON.stringify(frame[1])},${FIXED[frame[2]] ?? '{}'}]`);
  });
  socket.on('error', () => undefined);
});
// The backlog QCharge's OCPP listener has (ocpp-server.ts): at the default 511 a 10,000-charger storm
// overflowed it, and the SYN retransmits (1 s) understated the bare ceiling.
server.listen({ port: Number(process.argv[2] ?? 0), host: '127.0.0.1', backlog: 4096 }, () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => process.exit(0));
