/**
 * How a typed line answers an approval, in the chat and in headless mode alike: a plain yes or no, with politeness
 * but nothing after it that could be a change of mind ("yes, but change the email" answers nothing).
 */
const YES = /^(?:y|yes|yeah|yep|sure|ok(?:ay)?)(?:[\s,]+(?:please|pls|thanks|thank you|go ahead|do it))*[.!]*$/i;
const NO = /^(?:n|no|nope|nah)(?:[\s,]+(?:thanks|thank you|not now|don't|do not))*[.!]*$/i;

/** true for a yes, false for a no, null for anything else. */
export function approvalAnswer(line: string): boolean | null {
  const answer = line.trim();
  if (YES.test(answer)) return true;
  if (NO.test(answer)) return false;
  return null;
}
