import { checkAppOptions } from '../app/check-app-options.js';
import { terminalSafeJson, terminalSafeText } from '../text/terminal-safe-text.js';
import type { CommandDefinition } from './command.js';
import { CONNECTION_FLAGS, type Flags } from './flags.js';
import { appOptionsFrom } from './session-flags.js';
import { startCore } from './start-core.js';

const DOCTOR_FLAGS = {
  ...CONNECTION_FLAGS,
  json: { type: 'boolean', description: 'accepted for symmetry with `favcrm --json doctor`; doctor always prints JSON' },
} as const satisfies Flags;

/** `favcrm-chat doctor`: the official CLI's doctor report (JSON) for the endpoint and key the chat would use. */
export const doctorCommand: CommandDefinition = {
  name: 'doctor',
  usage: '  favcrm-chat doctor                check the endpoint, key, plan and WhatsApp; JSON like `favcrm doctor`\n',
  flags: DOCTOR_FLAGS,
  async run(line, context) {
    const options = appOptionsFrom(line.values);
    const { keyStore } = checkAppOptions(options, context.env);
    const { app, core } = await startCore(options, context.env, context.paths, keyStore);
    try {
      // Doctor never starts the session, which shows these in the chat; its JSON stays alone on stdout.
      for (const notice of app.startupNotices) context.io.stderr.write(`warning: ${terminalSafeText(notice)}\n`);
      const report = await app.session.doctor();
      // The report is the server's own words (workspace names, plan, WhatsApp status): escaped so they print inert.
      context.io.stdout.write(`${terminalSafeJson(report, 2)}\n`);
      core.saveCodeCache();
      return 0;
    } finally {
      await app.close();
    }
  },
};
