// Follows tickers through ccxt's own WebSocket clients, pointed at tickerplant instead of Coinbase, and prints one JSON
// object per line for each ticker ccxt hands to the application:
//
//   node watch-tickers.mjs ws://127.0.0.1:8787 BTC-USD,ETH-USD,SOL-USD
//   {"exchange":"coinbase","method":"watchTicker","symbol":"BTC/USD","product_id":"BTC-USD","price":"...",...}
//
// For each of ccxt's `coinbase` (Advanced Trade, /coinbase/advanced-trade) and `coinbaseexchange` (Exchange feed,
// /coinbase/exchange): watchTicker on the first product, watchTickers on the others. Only the WebSocket URL changes
// (urls.api.ws); the markets are given to ccxt directly, so it makes no REST call. Runs until stdin closes.
import ccxt from 'ccxt';

const [base, productList] = process.argv.slice(2);
if (!base || !productList) {
  console.error('usage: node watch-tickers.mjs WS_BASE PRODUCT[,PRODUCT...]   e.g. ws://127.0.0.1:8787 BTC-USD,ETH-USD');
  process.exit(2);
}
const ids = productList.split(',');
let running = true;

/** The fields ccxt needs of a market to subscribe and to map product ids back to symbols. */
function markets() {
  return ids.map((id) => {
    const [baseId, quoteId] = id.split('-');
    return {
      id, symbol: `${baseId}/${quoteId}`, base: baseId, quote: quoteId, baseId, quoteId,
      type: 'spot', spot: true, margin: false, swap: false, future: false, option: false, contract: false,
      active: true, precision: { amount: 0.00000001, price: 0.01 },
      limits: { amount: { min: undefined, max: undefined }, price: { min: undefined, max: undefined } },
      info: {},
    };
  });
}

async function exchange(Class, path) {
  const ex = new Class({ urls: { api: { ws: base + path } } });
  ex.setMarkets(markets());
  if (base.startsWith('ws://')) {
    await ex.loadHttpProxyAgent(); // ccxt (Node) refuses a plain ws:// URL until its http agent is loaded
  }
  return ex;
}

function emit(name, method, t) {
  const info = t.info || {};
  console.log(JSON.stringify({
    exchange: name, method, symbol: t.symbol, product_id: info.product_id,
    price: info.price, volume: info.volume_24_h ?? info.volume_24h, bid: info.best_bid, ask: info.best_ask,
    last: t.last, timestamp: t.timestamp,
  }));
}

// ccxt resolves one pending call per burst of messages (its futures race); the other tickers of the burst only update
// its `tickers` cache. So after each call, report what an application sees: the ticker(s) returned plus the cached
// ones of the asked-for symbols, each ticker object once.
async function forever(name, method, ex, asked, call) {
  const seen = new WeakSet();
  while (running) {
    try {
      const result = await call();
      if (!running) {
        return;
      }
      const returned = method === 'watchTicker' ? [result] : Object.values(result);
      for (const t of [...returned, ...asked.map((s) => ex.tickers[s]).filter(Boolean)]) {
        if (!seen.has(t)) {
          seen.add(t);
          emit(name, method, t);
        }
      }
    } catch (e) {
      if (!running) {
        return;
      }
      console.log(JSON.stringify({ exchange: name, method, error: String(e && e.message ? e.message : e) }));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

const clients = [
  ['coinbase', await exchange(ccxt.pro.coinbase, '/coinbase/advanced-trade')],
  ['coinbaseexchange', await exchange(ccxt.pro.coinbaseexchange, '/coinbase/exchange')],
];
const symbols = markets().map((m) => m.symbol);
const loops = [];
for (const [name, ex] of clients) {
  loops.push(forever(name, 'watchTicker', ex, [symbols[0]], () => ex.watchTicker(symbols[0])));
  loops.push(forever(name, 'watchTickers', ex, symbols.slice(1), () => ex.watchTickers(symbols.slice(1))));
}
console.log(JSON.stringify({ ready: true, symbols }));

process.stdin.resume();
process.stdin.on('end', async () => {
  running = false;
  await Promise.allSettled(clients.map(([, ex]) => ex.close()));
  process.exit(0);
});
