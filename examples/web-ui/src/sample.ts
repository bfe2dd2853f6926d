/**
 * The fixed sample the screen starts from, so that every run (and every screenshot) is the same:
 * the simulated clock's first day, the complaint as the resident made it, and what a complaints
 * officer would type into the letters. A real front end gets these from its own case record.
 */
import type { ComplaintDefinition, Finding, LetterRecipient, LetterSender, Remedy } from 'housing-complaints/letters';
import type { Region } from 'housing-complaints/calendar';

/** The simulated clock starts here: Monday 6 January 2025. */
export const FIRST_DAY = '2025-01-06';

/** The complaint as received (the RECEIVE form is prefilled with it). */
export const COMPLAINT: { id: string; region: Region; summary: string; channel: string } = {
  id: 'C-2025-0142',
  region: 'england-and-wales',
  summary: 'Kitchen leak not repaired; damp and mould in the back bedroom',
  channel: 'phone',
};

/** Who the letters are from and to (rendering only: the record keeps no name or address). */
export const LANDLORD: LetterSender = {
  name: 'Mill Lane Homes',
  address: ['1 Mill Lane', 'Macclesfield SK11 6BB'],
  phone: '0300 123 4567',
  email: 'complaints@example.org.uk',
  signOff: 'Jo Smith, Complaints Team',
};
export const RESIDENT: LetterRecipient = { name: 'Ms A Khan', address: ['Flat 2, 10 Mill Lane', 'Macclesfield'] };

/** What the resident raised, as the officer noted it: the stage 1 acknowledgement's definition starts from it (5.6). */
export const DEFINITION: ComplaintDefinition = {
  points: [
    { id: 'leak', summary: 'The kitchen leak was reported in October and chased three times, but it has still not been repaired' },
    { id: 'mould', summary: 'There is damp and mould in the back bedroom, and nobody came to look at it' },
    { id: 'call', summary: 'A member of staff was rude on the phone on 2 December' },
  ],
  outcomesSought: ['The leak repaired for good', 'The damp and mould treated', 'An apology'],
};

/** The findings the investigation reached, by point and stage (the response forms start from them). */
export const FINDINGS: Record<1 | 2, Record<string, Omit<Finding, 'pointId'>>> = {
  1: {
    leak: { upheld: true, reasons: 'Our records show three repair requests since 14 October. Our contractor missed two appointments.' },
    mould: { upheld: true, reasons: 'You reported the mould on 29 November and we did not inspect it. We should have visited within 10 working days.' },
    call: { upheld: false, reasons: 'We listened to the recording of the call. The adviser was firm but polite.' },
  },
  2: {
    leak: { upheld: true, reasons: 'We agree with the stage 1 finding.' },
    mould: { upheld: true, reasons: 'We agree with the stage 1 finding.' },
    call: { upheld: false, reasons: 'We agree with the stage 1 finding.' },
  },
};

/** Remedies each response offers; `inWorkingDays` dates them from the day the letter is sent. */
export const REMEDIES: Record<1 | 2, (Omit<Remedy, 'dueOn'> & { inWorkingDays?: number })[]> = {
  1: [
    { kind: 'apology', description: 'We are sorry that we did not fix the leak or inspect the mould when we should have' },
    { kind: 'action', description: 'Our contractor will repair the leak and dry out the wall', inWorkingDays: 25 },
  ],
  2: [{ kind: 'financial', description: 'Compensation for the time and trouble caused, paid to your rent account', amountPence: 35000, inWorkingDays: 10 }],
};

/** Stage 1's own outstanding action (stage 2's come from the record, through draftLetter). */
export const STAGE1_ACTIONS = [{ description: 'Check that the repair has held', inWorkingDays: 30 }];

export const ESCALATION_ROUTE = 'Reply to this letter, email complaints@example.org.uk or call 0300 123 4567 and ask for stage 2';
export const OMBUDSMAN_ROUTE = 'If you are still unhappy, you can ask the Housing Ombudsman to investigate your complaint. This is our final response';
export const EXTENSION_REASONS = 'We have booked a damp survey of your home and need its findings to answer your complaint properly.';
