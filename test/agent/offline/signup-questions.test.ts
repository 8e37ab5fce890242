import { describe, expect, it } from 'vitest';
import type { ConversationView } from '../../../src/agent/offline/conversation-view.js';
import { decideNextAction } from '../../../src/agent/offline/offline-policy.js';
import type { OfflineAction } from '../../../src/agent/offline/offline-action.js';

/** Plays a signed-out conversation through the offline policy: each reply is what the model said to the one before. */
function converse(messages: string[]): { replies: string[]; last: OfflineAction } {
  const view: ConversationView = {
    signedIn: false,
    pendingRequestId: null,
    pendingMaskedEmail: null,
    tools: new Map([['register_organisation_request', {}]]),
    userTexts: [],
    askedBefore: [],
    assistantTexts: [],
    lastRole: 'user',
    turnCalls: [],
    allCalls: [],
    turnTexts: [],
  };
  const replies: string[] = [];
  let last: OfflineAction = {};
  for (const message of messages) {
    view.askedBefore.push(view.assistantTexts.at(-1) ?? '');
    view.userTexts.push(message);
    last = decideNextAction(view);
    replies.push(last.text ?? '');
    if (last.text) view.assistantTexts.push(last.text);
  }
  return { replies, last };
}

const requested = (action: OfflineAction) => (action.toolCall?.toolName === 'register_organisation_request' ? action.toolCall.input : null);

describe('the name question: a direct answer is the name', () => {
  it.each([
    ['Yes Yoga', 'Yes Yoga'],
    ['No Limits Gym', 'No Limits Gym'],
    ['OK Nails', 'OK Nails'],
    ['Hello Sunshine Cafe', 'Hello Sunshine Cafe'],
    ['Thanks a Latte', 'Thanks a Latte'],
    ['Stop and Go Auto', 'Stop and Go Auto'],
    ['🌸 Petal Power 🌸', 'Petal Power'],
    ['"Moonlight Cafe".', 'Moonlight Cafe'],
    ["it's Moonlight Cafe", 'Moonlight Cafe'],
    ['actually, Moonlight Cafe', 'Moonlight Cafe'],
    ['Really Good Coffee', 'Really Good Coffee'],
  ])('%s', (answer, name) => {
    const { replies, last } = converse(['sign me up', answer, 'me@example.com', 'Leeds']);
    expect(replies[0]).toMatch(/What should I use as the business name/);
    expect(replies[1]).toContain(`"${name}"`);
    expect(requested(last)).toMatchObject({ organisationName: name, email: 'me@example.com', timezone: 'Europe/London' });
  });

  it('says why a reply was not taken and how to answer, instead of asking the same question again', () => {
    const { replies } = converse(['sign me up, my email is me@example.com', 'yes', 'what do you mean?']);
    expect(replies[1]).toMatch(/I didn't take "yes" as the business name: "yes" reads as an answer, not a name\. Type just the name/);
    expect(replies[2]).toMatch(/reads as a question/);
    expect(replies[2]).not.toBe(replies[0]);
    // The email answered, the name not: the email is kept and the reply is not taken for a name.
    const both = converse(['sign me up', 'my email is jo@example.com']);
    expect(both.replies[1]).toMatch(/I didn't take "my email is" as the business name: it reads as a sentence about other details/);
    expect(both.replies[1]).toMatch(/What should I use as the business name\?$/);
  });

  it('asks again with the zones, not "couldn\'t place", when the reply names a country with several', () => {
    const { replies } = converse(['Sign me up: Stretch Lab, a yoga studio, me@stretch.io', "we're in the US"]);
    expect(replies[1]).not.toMatch(/couldn't place/);
    expect(replies[1]).toMatch(/United States has several time zones: for example New York, Chicago/);
  });

  it('drops correction words from a name given in a sentence', () => {
    const { last } = converse(['sign me up: the business name is actually Moonlight Cafe in Leeds, me@moon.co.uk']);
    expect(requested(last)).toMatchObject({ organisationName: 'Moonlight Cafe' });
    const corrected = converse(['Sign me up: Moon Cafe in Leeds, me@moon.co.uk', 'sorry, I meant Moonlight Cafe']);
    expect(requested(corrected.last)).toMatchObject({ organisationName: 'Moonlight Cafe' });
  });
});

describe('the place question: no time zone is guessed', () => {
  it.each([
    ['no place at all', 'Sign me up: a yoga studio called Stretch Lab, me@stretch.io', /A city is enough/],
    ['"the US"', 'Sign me up: a yoga studio called Stretch Lab in the US, me@stretch.io', /United States has several time zones: for example New York, Chicago, Denver, .*Los Angeles/],
    ['"Australia"', 'Sign me up: a yoga studio called Stretch Lab in Australia, me@stretch.io', /Australia has several time zones: for example .*Sydney/],
    ['"Brazil"', 'Sign me up: a yoga studio called Stretch Lab in Brazil, me@stretch.io', /Brazil has several time zones/],
  ])('asks for the city before the approval card when given %s', (_, opening, offer) => {
    const { replies, last } = converse([opening]);
    expect(last.toolCall).toBeUndefined();
    expect(replies[0]).toMatch(/Which city is "Stretch Lab" in\? FavCRM needs its time zone/);
    expect(replies[0]).toMatch(offer);
  });

  it('takes the city, a zone, or "UTC" as the answer, and says when a reply could not be placed', () => {
    expect(requested(converse(['Sign me up: Stretch Lab, a yoga studio in the US, me@stretch.io', 'Chicago']).last)).toMatchObject({ country: 'US', timezone: 'America/Chicago' });
    expect(requested(converse(['Sign me up: Stretch Lab, a yoga studio in Australia, me@stretch.io', 'Australia/Perth']).last)).toMatchObject({ timezone: 'Australia/Perth' });
    expect(requested(converse(['Sign me up: Stretch Lab, a yoga studio, me@stretch.io', 'UTC is fine']).last)).toMatchObject({ timezone: 'UTC' });
    const unplaced = converse(['Sign me up: Stretch Lab, a yoga studio, me@stretch.io', 'Zzyzx Flats']);
    expect(unplaced.last.toolCall).toBeUndefined();
    expect(unplaced.replies[1]).toMatch(/I couldn't place "Zzyzx Flats"/);
  });
});

describe('emails FavCRM would refuse are caught before the approval card', () => {
  it.each(['lucky..paws@gmail.com', 'lucky.@gmail.com', 'lucky@gmail.c'])('%s', (email) => {
    const { replies, last } = converse([`Sign me up: Lucky Paws, pet grooming in Leeds, ${email}`]);
    expect(last.toolCall).toBeUndefined();
    expect(replies[0]).toContain(`"${email}" can't be used`);
    expect(replies[0]).toMatch(/which email|as the email/i);
    const fixed = converse([`Sign me up: Lucky Paws, pet grooming in Leeds, ${email}`, 'lucky.paws@gmail.com']);
    expect(requested(fixed.last)).toMatchObject({ email: 'lucky.paws@gmail.com' });
  });
});
