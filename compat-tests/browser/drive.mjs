// Drives Debian's headless Chromium with playwright-core for the status page's browser test. Once the browser is up
// it says so, then reads one JSON command per line on stdin and answers each with one JSON line on stdout, in order:
//
//   node drive.mjs /path/to/profile [/usr/bin/chromium]
//   < {"id":0,"ok":true,"value":"ready"}
//   > {"id":1,"command":"open","url":"http://127.0.0.1:8787/"}
//   < {"id":1,"ok":true,"value":null}
//   > {"id":2,"command":"script","body":"return document.title;"}
//   < {"id":2,"ok":true,"value":"tickerplant"}
//
// Commands: open {url}, script {body} (a function body, as WebDriver's executeScript takes it), type {css, keys}
// (WebDriver's key codes for special keys), viewport {width, height}, screenshot {path}, console (the messages since
// the last call, errors as SEVERE), close. A failed command answers {"id":...,"ok":false,"error":"..."}. The browser
// closes on "close" or when stdin ends. The context keeps the page's Content-Security-Policy (no bypassCSP): the test
// reads the console for violations.
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const [profile, executablePath = '/usr/bin/chromium'] = process.argv.slice(2);
if (!profile) {
  console.error('usage: node drive.mjs PROFILE_DIR [CHROMIUM]   e.g. ./profile /usr/bin/chromium');
  process.exit(2);
}

// Without the background-networking switches Chromium reaches out at start, which a closed network refuses.
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  viewport: { width: 1280, height: 1000 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = context.pages()[0] ?? await context.newPage();

// Named as chromedriver's browser log names its levels, so that errors read SEVERE.
const LEVELS = { error: 'SEVERE', warning: 'WARNING', assert: 'SEVERE', debug: 'DEBUG' };
let consoleMessages = [];
page.on('console', (m) => {
  const { url, lineNumber } = m.location();
  consoleMessages.push(`${LEVELS[m.type()] ?? 'INFO'} ${url ? `${url} ${lineNumber} ` : ''}${m.text()}`);
});
page.on('pageerror', (e) => consoleMessages.push(`SEVERE uncaught ${e.stack ?? e}`));

// WebDriver's key codes for the special keys the test uses; any other character is typed as text.
const KEYS = { '\uE003': 'Backspace', '\uE004': 'Tab', '\uE006': 'Enter', '\uE007': 'Enter', '\uE00C': 'Escape',
  '\uE012': 'ArrowLeft', '\uE013': 'ArrowUp', '\uE014': 'ArrowRight', '\uE015': 'ArrowDown', '\uE017': 'Delete' };

async function type(css, keys) {
  // As WebDriver's element send keys does: focus the element unless it has the focus, caret at the end of its text.
  await page.locator(css).evaluate((e) => {
    if (document.activeElement !== e) {
      e.focus();
      if (typeof e.setSelectionRange === 'function' && typeof e.value === 'string') {
        try { e.setSelectionRange(e.value.length, e.value.length); } catch { /* not a text field */ }
      }
    }
  });
  let text = '';
  for (const c of keys) {
    if (KEYS[c]) {
      if (text) await page.keyboard.type(text);
      text = '';
      await page.keyboard.press(KEYS[c]);
    } else {
      text += c;
    }
  }
  if (text) await page.keyboard.type(text);
}

const commands = {
  open: ({ url }) => page.goto(url, { waitUntil: 'load' }).then(() => null),
  // A string, so that it runs like WebDriver's executeScript: a function body whose return is the value.
  script: async ({ body }) => (await page.evaluate(`(() => { ${body}\n})()`)) ?? null,
  type: ({ css, keys }) => type(css, keys).then(() => null),
  viewport: ({ width, height }) => page.setViewportSize({ width, height }).then(() => null),
  screenshot: ({ path }) => page.screenshot({ path }).then(() => null),
  console: () => {
    const messages = consoleMessages;
    consoleMessages = [];
    return messages;
  },
  close: () => context.close().then(() => null),
};

const answer = (o) => process.stdout.write(JSON.stringify(o) + '\n');
answer({ id: 0, ok: true, value: 'ready' });
for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  let id = null;
  try {
    const command = JSON.parse(line);
    id = command.id ?? null;
    const run = commands[command.command];
    if (!run) throw new Error(`unknown command ${command.command}`);
    answer({ id, ok: true, value: await run(command) });
    if (command.command === 'close') process.exit(0);
  } catch (e) {
    answer({ id, ok: false, error: String(e?.stack ?? e) });
  }
}
await context.close();
