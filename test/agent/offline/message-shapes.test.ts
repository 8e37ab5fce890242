import { describe, expect, it } from 'vitest';
import { readFollowUpFields, readSignupFields } from '../../../src/agent/offline/signup-reader.js';
import { isShouted, quietShoutedText } from '../../../src/agent/offline/shouted-text.js';

// Shapes of first message the fourth blind set brought (capitals, mail forwards, lists, emoji, history); each case
// here is a new sentence of that shape, not one of the set's lines.
describe('messages typed in capitals', () => {
  it('keeps names and places in capitals and the words around them quiet, at the same offsets', () => {
    const text = 'PLEASE REGISTER MY STORE RED FOX BOOKS IN DENVER';
    const quiet = quietShoutedText(text);
    expect(quiet).toBe('please register my store RED FOX BOOKS in DENVER');
    expect(quiet).toHaveLength(text.length);
    expect(isShouted('Sign up Red Fox Books in Denver')).toBe(false);
  });

  it('reads the name as written, ending before the place, and "SIGN US UP" names no country', () => {
    expect(readSignupFields('HELLO, SIGN US UP: LUCKY STAR NOODLE BAR IN PERTH. EMAIL ME AT LUCKY@STAR.COM.AU')).toEqual({
      organisationName: 'LUCKY STAR NOODLE BAR',
      industry: 'hospitality',
      country: 'AU',
      timezone: 'Australia/Perth',
      email: 'LUCKY@STAR.COM.AU',
    });
    expect(readSignupFields('BRIGHT MINDS TUTORING — SIGN US UP').country).toBeNull();
    expect(readFollowUpFields('CALL IT BRIGHT MINDS ACADEMY', readSignupFields('')).organisationName).toBe('BRIGHT MINDS ACADEMY');
  });
});

describe('names in the shapes people paste', () => {
  it.each([
    ['---------- Forwarded message ---------\nFrom: Sam Lee <sam@x.io>\nSubject: signup\n\nplease register Copper Kettle Tearoom for us', 'Copper Kettle Tearoom'],
    ['Details:\n- Name: Harbour Removals Co.\n- City: Hobart', 'Harbour Removals Co.'],
    ['* Moonbeam Candles\n* Industry: retail\n* Lisbon', 'Moonbeam Candles'],
    ['✨ Velvet Room ✨ cocktail bar in Leith — can you set us up?', 'Velvet Room'],
    ['We have run Northgate Physio for six years and want a CRM', 'Northgate Physio'],
    ['i own Paris Crepes on King Street in Toronto', 'Paris Crepes'],
    ['Scotland based dog groomer, Waggy Tails. hi@waggy.scot', 'Waggy Tails'],
    ["We're a small animal shelter, Happy Paws Haven, in Leeds.", 'Happy Paws Haven'],
    ['Hilltop Orchard — a family apple farm near Nelson, New Zealand', 'Hilltop Orchard'],
    ['The Forge Bakery — we are a bakery, named after the old forge next door', 'The Forge Bakery'],
  ])('%j → %s', (text, name) => {
    expect(readSignupFields(text).organisationName).toBe(name);
  });
});

describe('industry and place said in passing', () => {
  it('skips what the business is not, and weighs "we are a …" over words in its name', () => {
    expect(readSignupFields("Register Yoga Shack — we're not a gym, we sell surfboards. Byron Bay").industry).toBe('retail');
    expect(readSignupFields("Salon Blanc — it's a bistro, not a hair salon — in Lyon").industry).toBe('hospitality');
    expect(readSignupFields('Sign up Deep Blue — a scuba diving school in Cairns').industry).toBe('tutoring');
  });

  it('reads where the business is now, not where it used to be', () => {
    expect(readSignupFields('We moved our cafe from Vancouver to Calgary. Sign up Maple Cup.').timezone).toBe('America/Edmonton');
    expect(readSignupFields('Sign up Maple Cup in Calgary; we used to be in Vancouver').timezone).toBe('America/Edmonton');
    expect(readSignupFields('Sign up Maple Cup; we moved from Vancouver').timezone).toBe('America/Vancouver');
  });
});

describe('names in scripts without capitals', () => {
  it('reads Arabic, Hebrew and Devanagari names after a cue, and as a bare answer to "what name?"', () => {
    expect(readSignupFields('Sign me up: a bakery called مخبز النور in Dubai, owner@noor.ae')).toMatchObject({ organisationName: 'مخبز النور', country: 'AE' });
    expect(readSignupFields('register קפה שלום, a cafe in Tel Aviv').organisationName).toBe('קפה שלום');
    expect(readSignupFields('a yoga studio called शांति योग in Pune').organisationName).toBe('शांति योग');
    const known = { ...readSignupFields('sign up my bakery in Dubai'), organisationName: null };
    expect(readFollowUpFields('مخبز النور', known).organisationName).toBe('مخبز النور');
  });
});
