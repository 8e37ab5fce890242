import { exposedToolNames, rememberLoadedTools } from '../mcp/tool-exposure.js';
import type { Redactor } from '../secrets/redact-secrets.js';
import type { AgentEvent } from './events.js';
import type { AdoptedKey, ToolCallEnvironment } from './execute-tool-call.js';
import type { FavcrmLink } from './favcrm-link.js';
import type { PendingApprovals } from './pending-approvals.js';
import { MAX_TOOLS_PER_LOAD } from './request-budget.js';
import type { SignupTracker } from './signup-tracker.js';

/** What a session lends the tool calls of one turn. */
export interface SessionTools {
  link: FavcrmLink;
  loadedTools: Set<string>;
  signedIn: () => boolean;
  approvals: PendingApprovals;
  autoApprove: boolean;
  signup: SignupTracker;
  adoptIssuedKey: (apiKey: string) => Promise<AdoptedKey>;
  redactor: Redactor;
  emit: (event: AgentEvent) => void;
}

/** One turn: its id, its abort (a dead transport aborts with the error as the reason), and what must finish. */
export interface TurnHandle {
  id: string;
  controller: AbortController;
  mustFinish: Promise<unknown>[];
}

/** The tool-call pipeline's environment for one turn of a session (execute-tool-call.ts). */
export function sessionToolEnvironment(turn: TurnHandle, session: SessionTools): ToolCallEnvironment {
  const { link, loadedTools, signup } = session;
  return {
    turn: {
      id: turn.id,
      signal: turn.controller.signal,
      // The error is the abort's reason: the session reports it (a person's cancel has none of ours).
      abort: (error) => turn.controller.abort(error),
      finishBeforeCancelling: (work) => turn.mustFinish.push(work.catch(() => undefined)),
    },
    favcrm: {
      connection: () => link.require(),
      tool: (name) => link.tool(name),
      loadTools: (names) => {
        // The best matches only, best last: the most recent is the last to be evicted or unloaded for the budget.
        rememberLoadedTools(loadedTools, names.slice(0, MAX_TOOLS_PER_LOAD).reverse());
        const offered = new Set(exposedToolNames(link.catalogue, session.signedIn(), loadedTools));
        return names.filter((name) => offered.has(name));
      },
    },
    approvals: {
      ask: (request, signal) => session.approvals.ask(turn.id, request, signal),
      autoApprove: session.autoApprove,
    },
    signup: {
      prepareVerify: (toolName, args) => signup.prepareVerify(toolName, args),
      adoptIssuedKey: session.adoptIssuedKey,
      afterCall: (toolName, args, outcome, adopted) => {
        signup.afterCall(toolName, args, outcome);
        if (adopted) signup.completed(adopted.data, adopted.key.maskedKey, adopted.key.storage);
      },
    },
    redactor: session.redactor,
    emit: session.emit,
  };
}
