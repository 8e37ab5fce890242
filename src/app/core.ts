// The core the CLI loads after its first frame (chat) or at once (headless, doctor): one entry, so the build can
// ship it as a script V8 compiles from a code cache (scripts/cached-script.mjs, src/app/load-core.ts). The early
// start (keyring probe) stays outside: it must begin before this loads.
export { createAgentSession } from './create-agent-session.js';
export { DeferredSession } from './deferred-session.js';
export { runHeadless } from './headless.js';
