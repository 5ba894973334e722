// Connects the unmodified socket.io-client to tickerplant's Socket.IO endpoint and prints one JSON object per line
// for everything the application sees:
//
//   node follow.mjs http://127.0.0.1:8787 '{"transports":["websocket"],"subscribe":{"products":["BTC-USD"]}}'
//   {"type":"connect","transport":"websocket"}
//   {"type":"ack","event":"subscribe","data":{"type":"subscriptions","channels":{"ticker":["BTC-USD"],...}}}
//   {"type":"ticker_update","transport":"websocket","data":{"crypto":"BTC","product_id":"BTC-USD","price":84737.58,...}}
//
// The second argument is the client's options (socket.io-client's own: transports, extraHeaders, query, ...) plus
// "subscribe": an argument to emit("subscribe", ...) once connected, with an ack callback, and "badSubscribe": one
// more subscribe that should fail. Runs until stdin closes.
import { io } from 'socket.io-client';

const [url, optionsJson] = process.argv.slice(2);
if (!url) {
  console.error('usage: node follow.mjs URL [OPTIONS_JSON]   e.g. http://127.0.0.1:8787 \'{"transports":["websocket"]}\'');
  process.exit(2);
}
const { subscribe, badSubscribe, ...options } = JSON.parse(optionsJson || '{}');
const print = (o) => console.log(JSON.stringify(o));
const socket = io(url, { reconnection: false, ...options });
const transport = () => socket.io.engine?.transport?.name;

socket.io.on('open', () => {
  print({ type: 'open', transport: transport() });
  socket.io.engine.on('upgrade', (t) => print({ type: 'upgrade', transport: t.name }));
});
socket.on('connect', async () => {
  print({ type: 'connect', transport: transport() });
  for (const [event, argument] of [['subscribe', subscribe], ['subscribe', badSubscribe]]) {
    if (argument) {
      const data = await socket.timeout(10000).emitWithAck(event, argument).catch((e) => ({ timeout: String(e) }));
      print({ type: 'ack', event, data });
    }
  }
});
socket.on('connect_error', (e) => print({ type: 'connect_error', message: e.message, description: String(e.description?.message ?? e.description ?? '') }));
socket.on('disconnect', (reason) => print({ type: 'disconnect', reason }));
for (const event of ['ticker_update', 'volume_alert', 'status', 'subscriptions', 'error']) {
  socket.on(event, (data) => print({ type: event, transport: transport(), data }));
}
print({ ready: true });

process.stdin.resume();
process.stdin.on('end', () => {
  socket.close();
  process.exit(0);
});
