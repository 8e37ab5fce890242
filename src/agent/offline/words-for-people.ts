/**
 * Server messages are written for the model ("Invalid email: … Correct it and call register_organisation_request
 * again."). The offline model passes them on to a person, so it keeps what they say about the data and drops what
 * they tell an agent to do, and writes instants in the workspace's local time with the zone named.
 */
import { localiseInstants } from './local-time-words.js';

/** A sentence addressed to the agent: a tool to call, the model or "the person" mentioned. */
const FOR_THE_AGENT = /\b(?:call|use|pass|retry|invoke)\b[^.]*?\b[a-z]+(?:_[a-z]+)+\b|\btools\/(?:list|call)\b|\bask the person\b|\bthe model\b|\bfrom list_[a-z_]+\b/i;

/** Field names as people say them; others are split from camelCase ("durationMinutes" → "duration minutes"). */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  organisationName: 'business name',
  email: 'email',
  startAt: 'start time',
  endAt: 'end time',
  durationMinutes: 'length',
  accountId: 'member',
  serviceId: 'service',
  timezone: 'time zone',
  country: 'country',
  industry: 'industry',
  code: 'code',
};

function fieldWords(field: string): string {
  return FIELD_WORDS[field] ?? field.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
}

/** `message` in words for the person: agent instructions out, "Invalid x: y" as "The x y", local times. */
export function wordsForPeople(message: string, timeZone: string | null = null): string {
  const sentences = message.split(/(?<=[.!?])\s+/).filter((sentence) => sentence.trim() && !FOR_THE_AGENT.test(sentence));
  const kept = sentences
    .join(' ')
    .replace(/^Invalid ([A-Za-z_]+(?:\.[A-Za-z_]+)*): /, (_, field: string) => `The ${fieldWords(field.split('.').at(-1) ?? field)} `)
    .trim();
  const text = kept || 'FavCRM did not accept it.';
  return localiseInstants(/[.!?]$/.test(text) ? text : `${text}.`, timeZone);
}
