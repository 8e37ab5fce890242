/**
 * The key step of `nextSteps` after signup or invite acceptance. The answer's `apiKey` goes to the client app that
 * called (favcrm-chat stores it in the keyring or a 0600 file; `favcrm signup verify` saves it to its config, contract
 * §1.8), which takes it out before a model sees the result. So the step tells the agent it holds nothing to store,
 * and never to repeat the key or ask a person to paste it (contract §5.2, §5.3).
 */
// Worded for both readers: the agent that gets the answer, and the person, to whom apps show these steps.
export const KEY_HELD_BY_APP =
  'Your app now holds the API key from this answer and sends it as "Authorization: Bearer <key>" on later calls: ' +
  'nothing needs storing, and the key is never repeated in a chat or asked for.';
