/**
 * The sandbox's port when nobody picks one, for `favcrm-chat sandbox` and the chat's embedded sandbox alike:
 * a fixed port means `favcrm --url http://127.0.0.1:8765/mcp` and a saved sandbox URL keep working across restarts.
 */
export const DEFAULT_SANDBOX_PORT = 8765;
