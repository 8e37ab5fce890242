import { describe, expect, it } from 'vitest';
import { enrolmentName } from '../../../src/agent/offline/membership-request.js';
import type { ConversationView } from '../../../src/agent/offline/conversation-view.js';
import { planFor } from '../../../src/agent/offline/follow-up-intents.js';
import { requestVerb } from '../../../src/agent/offline/request-verbs.js';

const signedInView: ConversationView = {
  signedIn: true,
  pendingRequestId: null,
  pendingMaskedEmail: null,
  tools: new Map([['search_members', { type: 'object', properties: { search: { type: 'string' }, query: { type: 'string' } } }]]),
  userTexts: [],
  askedBefore: [],
  assistantTexts: [],
  lastRole: 'user',
  turnCalls: [],
  // An earlier "who am I" in a Hong Kong workspace: a plain "$" there means HKD.
  allCalls: [{ toolCallId: 'c0', toolName: 'list_my_companies', input: {}, output: { items: [{ name: 'Studio', country: 'HK', timezone: 'Asia/Hong_Kong', active: true }] } }],
  turnTexts: [],
};

/** The plan as `tool {args}` strings, or the text of a direct answer. */
function planOf(text: string): string[] | string {
  const plan = planFor(text, signedInView);
  if (Array.isArray(plan)) return plan.map((step) => `${step.toolName} ${JSON.stringify(step.input)}`);
  return plan.text ?? '(nothing)';
}

describe('the offline model maps signed-in requests by their verb first', () => {
  it.each([
    ['add a member Jane Doe jane@example.com', 'create_account {"name":"Jane Doe","email":"jane@example.com"}'],
    ['Please add a new customer called Chan Tai Man, phone +852 9123 4567', 'create_account {"name":"Chan Tai Man","phone":"+852 9123 4567"}'],
    ['can you create a client: Ana Silva with email ana@silva.pt', 'create_account {"name":"Ana Silva","email":"ana@silva.pt"}'],
    ['new member "Li Wei"', 'create_account {"name":"Li Wei"}'],
    ['I would like to add a student Andrew Ng and email andrew@ng.org', 'create_account {"name":"Andrew Ng","email":"andrew@ng.org"}'],
    ['add a service Yoga class, 60 min, 150', 'create_service {"name":"Yoga class","durationMinutes":60,"price":150}'],
    ["I'd also like to add a service called Reformer, 1 hour, 300", 'create_service {"name":"Reformer","durationMinutes":60,"price":300}'],
    ['find members named Mark', 'search_members {"search":"Mark","limit":10}'],
    ['list my services', 'list_services {}'],
    ['show my bookings', 'list_bookings {"limit":10}'],
  ])('%s → %s', (text, expected) => {
    expect(planOf(text)).toEqual([expected]);
  });

  it.each([
    ['delete the service Yoga class', /can't delete anything/],
    ['please cancel my booking with Jane', /can't cancel anything/],
    ['change my plan to Pro', /can't change anything/],
    ['Send a WhatsApp message to all members', /can't send anything/],
    ['update member Jane Doe: her phone is +85291234567', /can't update anything/],
    ['reschedule the booking for Jane', /can't reschedule anything/],
  ])('%s → an honest "needs a real model", not a noun match', (text, expected) => {
    const answer = planOf(text);
    expect(typeof answer).toBe('string');
    expect(answer).toMatch(expected);
    expect(answer).toMatch(/OPENAI_API_KEY/);
  });

  it('declines to create what it has no plan for, and never makes a team member a customer', () => {
    expect(planOf('add a booking for Jane tomorrow')).toMatch(/only add services and members\. Anything else you want to add needs a real language model/);
    expect(planOf('new invoice for Jane')).toMatch(/Anything else you want to add needs a real language model/);
    expect(planOf('add a team member bob@studio.hk')).toMatch(/can't invite team members/);
    expect(planOf('add a member')).toMatch(/need at least their name/);
    expect(planOf('add a service Yoga')).toMatch(/name, length and price/);
    // Two bare numbers left ("for 1 200"): which one is the price is asked, not guessed.
    expect(planOf('add a service 2h pottery workshop for 1 200')).toMatch(/can't tell which number is the price/);
  });

  it('answers help and an already-signed-in signup request without calling anything', () => {
    expect(planOf('help me')).toMatch(/add a member/);
    expect(planOf('sign up my other business')).toMatch(/signed in to a workspace already, .*nothing was changed\. To sign up another business, type \/logout first/);
  });
});

describe('requestVerb', () => {
  it('reads the verb that leads a clause, not a word inside a name', () => {
    expect(requestVerb('search for Mark')).toEqual({ kind: 'other' });
    expect(requestVerb('list services. Then delete Yoga')).toEqual({ kind: 'unsupported', verb: 'delete' });
    expect(requestVerb('ok, sign up my second shop')).toEqual({ kind: 'create', verb: 'sign up' });
    expect(requestVerb('Could you please remove Jane?')).toEqual({ kind: 'unsupported', verb: 'remove' });
  });
});

describe('examples fit the workspace', () => {
  const bakeryCompanies = {
    toolCallId: 'c1',
    toolName: 'list_my_companies',
    input: {},
    output: { items: [{ companyId: 'cmp_1', name: 'Pão Quente', industry: 'hospitality', active: true }], currentCompanyId: 'cmp_1' },
  };
  const textOf = (text: string, view: ConversationView): string => {
    const plan = planFor(text, view);
    return Array.isArray(plan) ? '(a plan)' : (plan.text ?? '');
  };

  it("suggests a service of the workspace's own industry, read from list_my_companies", () => {
    const bakery: ConversationView = { ...signedInView, allCalls: [bakeryCompanies] };
    expect(textOf('what can you do?', bakery)).toContain('add a service Tasting menu, 90 min, 500');
    expect(textOf('what can you do?', bakery)).not.toContain('Yoga');
    expect(textOf('add a service', bakery)).toContain('e.g. "add a service Tasting menu, 90 min, 500"');
  });

  it('falls back to the signup request, then to the yoga example', () => {
    const signup = { toolCallId: 'c0', toolName: 'register_organisation_request', input: { industry: 'beauty' }, output: {} };
    expect(textOf('help', { ...signedInView, allCalls: [signup] })).toContain('add a service Haircut, 45 min, 300');
    expect(textOf('help', signedInView)).toContain('add a service Yoga class, 60 min, 150');
  });
});

describe('plain follow-ups a studio owner types', () => {
  it.each([
    ['add a class called Vinyasa Flow, 75 minutes, HK$180', 'create_service {"name":"Vinyasa Flow","durationMinutes":75,"price":180,"currency":"HKD"}'],
    ['create a new yoga class: Hatha Basics 60 min $120', 'create_service {"name":"Hatha Basics","durationMinutes":60,"price":120,"currency":"HKD"}'],
    ['add a treatment: Gel manicure, 45 min, 250', 'create_service {"name":"Gel manicure","durationMinutes":45,"price":250}'],
    ['add a lesson Piano for beginners 30 min 300', 'create_service {"name":"Piano for beginners","durationMinutes":30,"price":300}'],
    // Thousands separators and a length written into the name (a QA pass once stored HK$2,500 as 2).
    ['add a service Teacher training weekend, 120 min, HK$2,500', 'create_service {"name":"Teacher training weekend","durationMinutes":120,"price":2500,"currency":"HKD"}'],
    ['add a service Massage, 90 min, $1,200.50', 'create_service {"name":"Massage","durationMinutes":90,"price":1200.5,"currency":"HKD"}'],
    ['add a service 60-minute hatha class HK$180', 'create_service {"name":"Hatha class","durationMinutes":60,"price":180,"currency":"HKD"}'],
    ['add a 60-minute hatha class for HK$180', 'create_service {"name":"Hatha class","durationMinutes":60,"price":180,"currency":"HKD"}'],
    ['add a service Facial, 45 min, 80 EUR', 'create_service {"name":"Facial","durationMinutes":45,"price":80,"currency":"EUR"}'],
    // A second QA pass: grouped prices, lengths in words or "1h30", currencies and class sizes are all kept.
    ['add a service Workshop, 2 hours, €1.200', 'create_service {"name":"Workshop","durationMinutes":120,"price":1200,"currency":"EUR"}'],
    ['add a service R4, 60 min, HK$ 1 200', 'create_service {"name":"R4","durationMinutes":60,"price":1200,"currency":"HKD"}'],
    ['new service: Private session 1h30 HK$2,500', 'create_service {"name":"Private session","durationMinutes":90,"price":2500,"currency":"HKD"}'],
    ['add a service Stretch, 1 hr 30 min, 200', 'create_service {"name":"Stretch","durationMinutes":90,"price":200}'],
    ['add an hour long Pilates mat class, price 180 dollars', 'create_service {"name":"Pilates mat class","durationMinutes":60,"price":180,"currency":"HKD"}'],
    ['add a service Consultation, half an hour, free', 'create_service {"name":"Consultation","durationMinutes":30,"price":0}'],
    ['add service: Yin Yoga | 75 min | HK$200', 'create_service {"name":"Yin Yoga","durationMinutes":75,"price":200,"currency":"HKD"}'],
    ['add a service Tea ceremony, 45 min, 1,500 yen', 'create_service {"name":"Tea ceremony","durationMinutes":45,"price":1500,"currency":"JPY"}'],
    ['add a service Barre, 1h, $25.50, capacity 12', 'create_service {"name":"Barre","durationMinutes":60,"price":25.5,"currency":"HKD","capacity":12}'],
    ['add Power Yoga 60min 150', 'create_service {"name":"Power Yoga","durationMinutes":60,"price":150}'],
    ['add a service Spin class for up to 15 people, 45 min, USD 30', 'create_service {"name":"Spin class","durationMinutes":45,"price":30,"currency":"USD","capacity":15}'],
    ['add Jane Smith as a member, jane@smith.com', 'create_account {"name":"Jane Smith","email":"jane@smith.com"}'],
    ['do I have any customers called Tom?', 'search_members {"search":"Tom","limit":10}'],
    ['search members for 9123', 'search_members {"search":"9123","limit":10}'],
    ['find the customer with email liwei@example.cn', 'search_members {"search":"liwei@example.cn","limit":10}'],
    ['show me my classes', 'list_services {}'],
    ['is everything working?', 'list_my_companies {} | get_plan_status {} | get_whatsapp_connection_status {}'],
  ])('%s → %s', (text, expected) => {
    const plan = planOf(text);
    expect(Array.isArray(plan) ? plan.join(' | ') : plan).toBe(expected);
  });

  it('answers thanks and "what can I do" without calling anything, and adds no member named "to the yoga class"', () => {
    expect(planOf('thanks!')).toMatch(/^Glad to help\. Anything else\?/);
    expect(planOf('what can I do here?')).toMatch(/^Offline I can: list services/);
    expect(planOf('add a member to the yoga class')).toMatch(/I need at least their name/);
  });
});


describe('loyalty enrolment requests', () => {
  it.each([
    ['enrol Jane Doe in the membership', 'Jane Doe'],
    ['please add Tom Lee to the loyalty programme', 'Tom Lee'],
    ['sign Ana Silva up for the rewards', 'Ana Silva'],
    ['make Kim Park a member', 'Kim Park'],
    ['enroll Jane Doe', 'Jane Doe'],
  ])('%s → %s', (text, name) => {
    expect(enrolmentName(text)).toBe(name);
  });

  it('leaves creating a customer alone', () => {
    for (const text of ['add a member Jane Doe jane@example.com', 'add Jane Smith as a member', 'enroll a new member Jane jane@x.com']) {
      expect(enrolmentName(text), text).toBeNull();
    }
  });
});
