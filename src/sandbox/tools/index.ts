import { crmTools } from './crm-tools.js';
import { signupTools } from './signup.js';
import { teamTools } from './team.js';
import type { SandboxTool } from './tool-definition.js';
import { workspaceTools } from './workspace.js';

/** The whole sandbox catalogue, in the order `tools/list` shows it: bootstrap first, then workspace and CRM areas. */
export const allTools: readonly SandboxTool[] = [...signupTools, ...teamTools, ...workspaceTools, ...crmTools];
