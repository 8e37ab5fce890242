import { describe, it } from 'vitest';

describe('the shipped bin outside the repository', () => {
  // Bug (reported to the lead, src not ours to change): bin/favcrm-chat.js calls tsx's register() without a
  // tsconfig, so tsx looks for one in the *working directory*. Started anywhere but the repository root (npx, a
  // global install), the .tsx UI compiles with the classic JSX runtime and the chat dies at once with
  // "favcrm-chat: React is not defined". Headless mode imports no .tsx, so only the chat breaks.
  // Repro: cd /tmp && FAVCRM_CHAT_KEYRING=off node /path/to/bin/favcrm-chat.js   (in a terminal)
  // Fix: register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) }), or ship compiled JS.
  // Once fixed: spawn the bin in a pseudo-terminal (node-pty) with cwd os.tmpdir() and wait for
  // "Tell me about your business", as test/bench/process-timing.ts timeToPtyText does.
  it.todo('renders the chat when started from a directory other than the repository root');
});
