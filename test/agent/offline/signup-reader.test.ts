import { describe, expect, it } from 'vitest';
import { classifyIndustry } from '../../../src/agent/offline/industry-lexicon.js';
import {
  extractEmail,
  extractVerificationCode,
  readFollowUpFields,
  readSignupFields,
} from '../../../src/agent/offline/signup-reader.js';
import type { SignupFields } from '../../../src/agent/offline/signup-fields.js';

const EMPTY: SignupFields = { organisationName: null, industry: null, country: null, timezone: null, email: null };
const name = (text: string) => readSignupFields(text).organisationName;
const industry = (text: string) => readSignupFields(text).industry;

describe('readSignupFields', () => {
  it('reads the example sentence', () => {
    expect(readSignupFields('Sign me up for FavCRM. The business is a yoga studio called Stretch + Breathe in Hong Kong')).toEqual({
      organisationName: 'Stretch + Breathe',
      industry: 'fitness',
      country: 'HK',
      timezone: 'Asia/Hong_Kong',
      email: null,
    });
  });

  it('returns nulls when nothing is told', () => {
    expect(readSignupFields('hello')).toEqual(EMPTY);
  });
});

describe('organisation name', () => {
  it.each([
    ["Can you set up my ramen shop 'Noodle Theory' in Kyoto?", 'Noodle Theory'],
    ['Register “Velvet Nails” in Paris', 'Velvet Nails'],
    ["Register 'Mama's Kitchen' in Rome", "Mama's Kitchen"],
    ['I run a boxing gym called Southpaw Club in Manchester.', 'Southpaw Club'],
    ['a piano school named Keys & Chords in Vancouver, BC', 'Keys & Chords'],
    ['Business name is Prime Tutoring, based in Wellington', 'Prime Tutoring'],
    ['company is Bloom Florals, we are in Mexico City', 'Bloom Florals'],
    ['Organisation: Atlas Consulting. Industry: services.', 'Atlas Consulting'],
    ['Register Fresh Fold Laundry (laundry service) in Taipei', 'Fresh Fold Laundry'],
    ['Sign up Golden Scissors barber shop in Lisbon', 'Golden Scissors'],
    ['Set up FavCRM for Maple Leaf Movers, a moving company in Montreal', 'Maple Leaf Movers'],
    ['Register my bike shop Spoke & Chain in Portland, Oregon', 'Spoke & Chain'],
    ['Register my toy store, Wonder Box, located in Singapore', 'Wonder Box'],
    ['sign up my pizzeria Slice of Heaven in Rome', 'Slice of Heaven'],
    ['my cafe is called Daily Grind and it is in Seattle', 'Daily Grind'],
    ["We're Pure Barre Lab, a barre fitness studio in Dubai", 'Pure Barre Lab'],
    ['New workspace please: The Study Nook, an after-school club', 'The Study Nook'],
    ['Register the organisation Quartz Labs with dev@quartzlabs.io', 'Quartz Labs'],
    ['我想註冊 FavCRM。我的店叫 Tea Time Corner，是香港的茶餐廳。', 'Tea Time Corner'],
    ['Please create an account for Café Lumière, a bistro in Lyon', 'Café Lumière'],
    ['Set up FavCRM for Brooklyn Brew Co., a coffee shop in Brooklyn, NY', 'Brooklyn Brew Co.'],
    ['a florist called Love in Bloom in Paris', 'Love in Bloom'],
    ["I'm opening a tattoo studio, Black Anchor Ink, in Glasgow.", 'Black Anchor Ink'],
    ['please register pixel perfect prints, a print shop in Leeds', 'pixel perfect prints'],
    // A business noun right before the name, with no "called": found by trying it in the terminal.
    ['Sign me up. Pilates studio Core Flow in Singapore, email hi@coreflow.sg', 'Core Flow'],
    ['barber shop Golden Scissors in London', 'Golden Scissors'],
    ['tattoo studio Black Anchor Ink based in Glasgow', 'Black Anchor Ink'],
    ['We run a bakery Sweet Crumbs.', 'Sweet Crumbs'],
    ['Hi! I own Sunny Side Cafe in Austin, Texas. Can you sign me up?', 'Sunny Side Cafe'],
    ['sign us up: dental clinic, Bright Smile Dental, Sydney', 'Bright Smile Dental'],
    ['Get me on FavCRM — Blue Door Bakery, Toronto, hello@bluedoor.ca', 'Blue Door Bakery'],
    // Missed by the reader on a probe of 50 unseen sentences (now in the extra set).
    ['please set up favcrm for Lingua Franca, a language school in Buenos Aires', 'Lingua Franca'],
    ['Our brewery Hop Along Brewing is in Denver. Sign us up: beer@hopalong.co', 'Hop Along Brewing'],
    ['Sign up for FavCRM — The Daily Loaf bakery, Montreal, Quebec.', 'The Daily Loaf'],
    ["I'm opening a boxing club, Knockout Club, in São Paulo, Brazil.", 'Knockout Club'],
    ['Hi, sign up my Muay Thai gym Eight Limbs in Mong Kok, Hong Kong.', 'Eight Limbs'],
    ['Register my yoga studio in Shanghai — its name is Lotus Flow.', 'Lotus Flow'],
    // A town the gazetteer does not know still ends the name when a known place follows it.
    ['register Alpine Ski School in Chamonix, France.', 'Alpine Ski School'],
    // Missed on the independent set (test/fixtures/signup-utterances.independent.jsonl).
    ['hola, quiero registrar mi peluquería Estilo Lucía en Medellín, Colombia.', 'Estilo Lucía'],
    ['FavCRM signup pls. muay thai gym, name is Iron Lotus Muay Thai, Bangkok', 'Iron Lotus Muay Thai'],
    ['Hello, my name is Priya. I run Lotus Lash Lounge (eyelash extensions) in Auckland.', 'Lotus Lash Lounge'],
    ['Our company Blue Peak Photography shoots weddings around Calgary, Alberta.', 'Blue Peak Photography'],
    ['Sign me up for FavCRM. Harbour Lights Guesthouse, Hobart, Tasmania.', 'Harbour Lights Guesthouse'],
    ["We're a chess tutoring centre for kids, Checkmate Kids, based in Makati.", 'Checkmate Kids'],
    ['Business: Zen Den Massage | City: Chiang Mai | Email: book@zendenmassage.com', 'Zen Den Massage'],
    ['a FavCRM workspace for my kids clothing boutique, bitsy & bloom, in Dhaka, Bangladesh', 'bitsy & bloom'],
    ['Sign up my English tutoring business, Word Wise English, in Istanbul.', 'Word Wise English'],
    // Missed on the second held-out set (test/fixtures/signup-utterances.holdout2.jsonl).
    ['Gangnam Glow Skin Clinic — skincare & facials, Gangnam, Seoul.', 'Gangnam Glow Skin Clinic'],
    ['Phở Saigon Corner - restaurant in Ho Chi Minh City', 'Phở Saigon Corner'],
    ['Golden Dragon Restaurant — Kowloon — no email yet', 'Golden Dragon Restaurant'],
    ['Sweat Factory 24/7 — gym — Dubai', 'Sweat Factory 24/7'],
    ["We're a consulting business — name's Bluebird Advisory.", 'Bluebird Advisory'],
    ['We are a pilates studio in Mexico (Core Studio MX).', 'Core Studio MX'],
    ['Name: Chinedu Okafor. Business: Capital City Gadget Repairs. Based in Abuja.', 'Capital City Gadget Repairs'],
    ['Signing up on behalf of La Belle Époque Coiffure, hairdresser in Lyon.', 'La Belle Époque Coiffure'],
    ["My name's Chen Wei. I run Jade Garden Dim Sum, a restaurant in Richmond, BC.", 'Jade Garden Dim Sum'],
    ["registr O'Malley's Pub pls, we're in Galway", "O'Malley's Pub"],
    ["Hi FavCRM! We're Studio 54 Hair Design from Los Angeles.", 'Studio 54 Hair Design'],
    ['Hello, I am the owner of Hotel Miramar in Valparaíso, Chile.', 'Hotel Miramar'],
    ['Hotel Miramar in Valparaíso.', 'Hotel Miramar'],
    ['Glow Up Academy Budapest — we are a makeup school.', 'Glow Up Academy Budapest'],
    ['hi, Studio Verde is our pilates studio in Porto', 'Studio Verde'],
    ['I run a small bakery in Toronto, Flour Child Bakehouse, and want to try the CRM', 'Flour Child Bakehouse'],
    // Missed on the third held-out set (multilingual, lower case, chat lines, letters).
    ['Hola! Quiero registrar mi panadería, se llama Pan de Barrio y estamos en la Condesa.', 'Pan de Barrio'],
    ['Bonjour, je voudrais inscrire ma boutique de vêtements vintage « Les Puces Dorées » dans le Marais.', 'Les Puces Dorées'],
    ['Oi! quero cadastrar meu estúdio, Corpo Forte Studio. Atendo aqui no Brasil mesmo.', 'Corpo Forte Studio'],
    ['Hola, mi negocio es Limpieza Brillante, hacemos limpieza de casas en Colombia.', 'Limpieza Brillante'],
    ['Halo FavCRM, saya pemilik Bimbel Cerdas, tempat les matematika di Kemang, Jakarta Selatan.', 'Bimbel Cerdas'],
    ['您好，我们是 Golden Lotus Spa，位于新加坡乌节路 (Orchard Road)。', 'Golden Lotus Spa'],
    ['Hi, signing up Brooklyn Bagel House — we are a bagel café in Leslieville, Toronto.', 'Brooklyn Bagel House'],
    ['can u register bean there done that, its a café in fortitude valley brisbane', 'bean there done that'],
    ['register crumb & co pls — bakery in adelaide', 'crumb & co'],
    ['ok so the business name is sweet pea cleaning services we clean houses in san antonio texas', 'sweet pea cleaning services'],
    ['i want to sign up my business its called iron temple strength and conditioning were a gym in leeds', 'iron temple strength and conditioning'],
    ['Hey there, we are a pilates studio in Surry Hills. Studio name is Core & Co.\n\n--\nMia Tran', 'Core & Co'],
    ['Best wishes,\nTom Price\nOwner, Cover to Cover Books\ntom@covertocoverbooks.co.uk', 'Cover to Cover Books'],
    // A quoted nickname inside a name stays in it (QA: "Joe's" was registered).
    ['Business: Joe\'s "Best" Pizza in New York', 'Joe\'s "Best" Pizza'],
    ['called Joe\'s “Best” Pizza, Austin', 'Joe\'s “Best” Pizza'],
  ])('%s → %s', (text, expected) => {
    expect(name(text)).toBe(expected);
  });

  it('is null when no name is given', () => {
    expect(name('Sign me up for FavCRM please')).toBeNull();
    expect(name("I'd like to sign up. I run a bakery in Paris.")).toBeNull();
    // A place after the business noun is not a name.
    expect(name('I have a studio in Paris')).toBeNull();
    expect(name('a yoga studio Hong Kong side')).toBeNull();
    expect(name('Sign up: bakery, Paris')).toBeNull();
    expect(name('Get me on FavCRM — Toronto, hello@bluedoor.ca')).toBeNull();
    // "in/at" ends a name only before a place; a month or a team is not a business.
    expect(name('I manage Marketing at a bank')).toBeNull();
    expect(name('We opened Monday')).toBeNull();
    expect(name('I own a bakery in Paris')).toBeNull();
    // "my name is" names the person, not the business.
    expect(name('Hello, my name is Priya. Please sign me up.')).toBeNull();
    // A town before a dash is a place, not a name.
    expect(name('Toronto — bakery')).toBeNull();
    expect(name('Hong Kong - yoga studio')).toBeNull();
  });

  it('does not read a place inside the name as the location', () => {
    expect(readSignupFields('Register Hong Kong Noodle House in Toronto').country).toBe('CA');
  });

  it('reads a pasted wall of text in linear time (a 300,000-letter word once took minutes in the email pattern)', () => {
    expect(readSignupFields(`${'a'.repeat(300_000)} me@cafe.jp`).email).toBe('me@cafe.jp');
  });

  it('takes the email the person says to use when two are given', () => {
    expect(readSignupFields('register Tidy Nest. My personal email is sarah84@gmail.com but please use bookings@tidynest.co.uk for the account.').email).toBe('bookings@tidynest.co.uk');
    expect(readSignupFields('use owner@cafe.jp, cc: manager@cafe.jp').email).toBe('owner@cafe.jp');
  });

  it('reads places written in other languages, with accents, as neighbourhoods, or alone on a line', () => {
    const place = (text: string) => {
      const read = readSignupFields(text);
      return [read.country, read.timezone];
    };
    expect(place('Atendo aqui no Brasil mesmo')).toEqual(['BR', null]);
    expect(place('estamos en México.')).toEqual(['MX', null]);
    expect(place('hola mi peluqueria en bogota')).toEqual(['CO', 'America/Bogota']);
    expect(place('a bakery, Pan de Barrio, en la Condesa')).toEqual(['MX', 'America/Mexico_City']);
    expect(place('we sell trekking gear in Thamel')).toEqual(['NP', 'Asia/Kathmandu']);
    expect(place('hey\nits for my nail biz\nname: nailz by keisha\nhouston\nkeisha@icloud.com')).toEqual(['US', 'America/Chicago']);
  });

  it('reads a place inside the name when the sentence names no other', () => {
    expect(readSignupFields('Glow Up Academy Budapest — we are a makeup school').timezone).toBe('Europe/Budapest');
  });
});

describe('industry', () => {
  it.each([
    ['a hair salon', 'beauty'],
    ['my barber shop', 'beauty'],
    ['a lash studio', 'beauty'],
    ['a boxing gym', 'fitness'],
    ['martial arts academy Tiger Claw', 'fitness'],
    ['Ocean Kids Swim Academy', 'tutoring'],
    ['Nova Driving School', 'tutoring'],
    ['a piano school', 'tutoring'],
    ['my ramen shop', 'hospitality'],
    ['a wine bar', 'hospitality'],
    ['茶餐廳', 'hospitality'],
    ['a bike shop', 'retail'],
    ['an outdoor gear retailer', 'retail'],
    ['Blossom Beauty Bar, a beauty salon', 'beauty'],
    ['pet grooming', 'services'],
    ['Clean Sweep Janitorial', 'services'],
    ['a moving company', 'services'],
    ['Code Camp Lagos, a coding bootcamp', 'tutoring'],
    ['a fitness bootcamp', 'fitness'],
    ['Brooklyn Bagels, a bagel shop', 'hospitality'],
    ['ThinkTank Coworking', 'services'],
    ['a capoeira academy', 'fitness'],
    ['our escape room business', 'other'],
    ['Prime Cuts Butchery', 'retail'],
    ['Happy Feet Podiatry', 'services'],
    ['a bao bun shop', 'hospitality'],
    ['mi peluquería', 'beauty'],
    ['mi tienda de ropa', 'retail'],
    ['我的早餐店', 'hospitality'],
  ])('%s → %s', (text, expected) => {
    expect(classifyIndustry(text)).toBe(expected);
  });

  it('lets a stated industry win', () => {
    expect(industry('Register Yoga Bakery. Industry: retail.')).toBe('retail');
    expect(industry('We are in the hospitality industry')).toBe('hospitality');
  });

  it('weighs what is said about the business over words in its name', () => {
    expect(industry('Register The Book Café, a bookstore in Leeds')).toBe('retail');
  });

  it('is null when nothing tells', () => {
    expect(industry('Register the organisation Quartz Labs')).toBeNull();
  });
});

describe('extractEmail', () => {
  it('finds the address exactly, without trailing punctuation', () => {
    expect(extractEmail('mail me at jo@southpaw.club.')).toBe('jo@southpaw.club');
    expect(extractEmail('Email: First.Last+crm@sub.example.co.uk, thanks')).toBe('First.Last+crm@sub.example.co.uk');
    expect(extractEmail('no email here')).toBeNull();
  });
});

describe('extractVerificationCode', () => {
  it.each([
    ['123456', '123456'],
    ['the code is 123 456', '123456'],
    ['123-456', '123456'],
    ['483920, thanks', '483920'],
    ['Code: 000123.', '000123'],
    ['(483920)', '483920'],
  ])('%s → %s', (text, expected) => {
    expect(extractVerificationCode(text)).toBe(expected);
  });

  it.each([
    ['12345'],
    ['1234567'],
    ['call me on +852 9123 4567'],
    ['my number is 415-555-0132'],
    ['555 123 4567'],
    ['a123456@example.com'],
    ['123456@example.com'],
    ['codes 111111 and 222222'],
    ['no code'],
  ])('%s → null', (text) => {
    expect(extractVerificationCode(text)).toBeNull();
  });
});

describe('readFollowUpFields', () => {
  const known: SignupFields = { organisationName: 'Daily Grind', industry: null, country: 'US', timezone: 'America/Los_Angeles', email: null };

  it('reads a bare email', () => {
    expect(readFollowUpFields('jo@dailygrind.coffee', known)).toEqual({ email: 'jo@dailygrind.coffee' });
  });

  it('reads a changed email', () => {
    expect(readFollowUpFields('change the email to x@y.z', known)).toEqual({ email: 'x@y.z' });
  });

  it('reads an industry', () => {
    expect(readFollowUpFields("it's a bakery", known)).toEqual({ industry: 'hospitality' });
    expect(readFollowUpFields('retail', known)).toEqual({ industry: 'retail' });
  });

  it('reads a place and its zone', () => {
    expect(readFollowUpFields("we're in Osaka", known)).toEqual({ country: 'JP', timezone: 'Asia/Tokyo' });
    expect(readFollowUpFields('Berlin', known)).toEqual({ country: 'DE', timezone: 'Europe/Berlin' });
  });

  it('keeps the known place when a renamed business carries a town in its name', () => {
    expect(readFollowUpFields('call it Paris Corner Bakery', known)).toEqual({ organisationName: 'Paris Corner Bakery', industry: 'hospitality' });
    const nowhere: SignupFields = { ...known, country: null, timezone: null };
    expect(readFollowUpFields('call it Paris Corner Bakery', nowhere)).toMatchObject({ country: 'FR', timezone: 'Europe/Paris' });
  });

  it('clears a stale zone when another multi-zone country is named', () => {
    expect(readFollowUpFields('actually we are in Canada', known)).toEqual({ country: 'CA', timezone: null });
    expect(readFollowUpFields('the USA', known)).toEqual({ country: 'US' });
  });

  it('reads a new name', () => {
    expect(readFollowUpFields('call it Moon Cafe', known)).toMatchObject({ organisationName: 'Moon Cafe' });
    expect(readFollowUpFields('change the name to "Grind & Co"', known)).toEqual({ organisationName: 'Grind & Co' });
  });

  it('reads a bare name when no name is known', () => {
    expect(readFollowUpFields('Moon Cafe', EMPTY)).toEqual({ organisationName: 'Moon Cafe', industry: 'hospitality' });
    expect(readFollowUpFields('Quartz Labs', EMPTY)).toEqual({ organisationName: 'Quartz Labs' });
  });

  it('reads nothing from a plain yes', () => {
    expect(readFollowUpFields('yes', known)).toEqual({});
  });
});

describe('industry words through the per-text lexicon', () => {
  it('matches optional letters, accents and case the way the full lexicon does', async () => {
    const { classifyIndustry, findIndustryMentions } = await import('../../../src/agent/offline/industry-lexicon.js');
    expect(classifyIndustry('PÂTISSERIE Lune')).toBe('hospitality');
    expect(classifyIndustry('a little Café')).toBe('hospitality');
    expect(classifyIndustry('a beauty parlor')).toBe('beauty');
    expect(classifyIndustry('a Beauty Parlour')).toBe('beauty');
    expect(classifyIndustry('fine jewelery and jewellery')).toBe('retail');
    expect(classifyIndustry('JIU-JITSU academy')).toBe('fitness');
    expect(classifyIndustry('我們是一間咖啡店')).toBe('hospitality');
    // The phrase wins over its words: one mention for "pet grooming", as services.
    expect(findIndustryMentions('pet grooming').map((mention) => mention.industry)).toEqual(['services']);
    expect(findIndustryMentions('nothing to see')).toEqual([]);
  });
});
