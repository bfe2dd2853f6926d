import * as z from 'zod/mini';
import { text } from './primitives.js';

/** @internal What letters call the Housing Ombudsman, in headings and sentences, unless a contact says otherwise. */
export const HOUSING_OMBUDSMAN_NAME = 'Housing Ombudsman';

/** The longest name a letter may call an ombudsman by, in characters: it goes into headings. */
const MAX_OMBUDSMAN_NAME = 100;

/**
 * @internal What a letter calls an ombudsman in its headings and sentences: {@link text} (trimmed,
 * printable, with words), at most {@link MAX_OMBUDSMAN_NAME} characters and on one line, since it
 * is printed inside headings. One rule for `OmbudsmanContact.calledInLetters` and for
 * `letterParts`' `ombudsman` option.
 */
export const ombudsmanName = text.check(
  z.maxLength(MAX_OMBUDSMAN_NAME, { error: `must be at most ${MAX_OMBUDSMAN_NAME} characters` }),
  z.refine((value) => !/[\n\r\u2028\u2029]/.test(value), { error: 'must be one line, without line breaks' }),
);

/**
 * How a resident reaches the ombudsman. Decline notices (2.4), escalation refusals (5.11),
 * extension notices (6.5, 6.16) and stage 2 responses (6.19(g)) must all give these details.
 *
 * `calledInLetters` is what the letter's headings and sentences call the ombudsman ("Contacting the
 * ...", "Your right to take this decision to the ..."); without it they say "Housing Ombudsman",
 * as under the Code. Give it for another jurisdiction, as {@link SCOTTISH_PUBLIC_SERVICES_OMBUDSMAN}
 * does: a letter whose ombudsman is called anything else never says "Housing Ombudsman" or "the
 * Code" in what the library writes. `email` may be left out for an ombudsman that takes complaints
 * by an online form; the letter then gives no Email line.
 *
 * @example
 * ```ts
 * OmbudsmanContact.parse(HOUSING_OMBUDSMAN).phone; //=> '0300 111 3000'
 * OmbudsmanContact.parse(SCOTTISH_PUBLIC_SERVICES_OMBUDSMAN).calledInLetters; //=> 'Scottish Public Services Ombudsman (SPSO)'
 * OmbudsmanContact.safeParse({ ...HOUSING_OMBUDSMAN, calledInLetters: '   ' }).success; //=> false
 * ```
 */
export const OmbudsmanContact = z.strictObject({
  /** The service's name. */
  name: text,
  /**
   * What letters call it in headings and sentences, read after "the" (e.g. `'Scottish Public
   * Services Ombudsman (SPSO)'`); at most 100 characters, one line. Absent: `'Housing Ombudsman'`.
   */
  calledInLetters: z.optional(ombudsmanName),
  /** Its postal address. */
  address: text,
  /** Its telephone number. */
  phone: text,
  /** Its email address, when it takes email (absent: the letter gives no Email line). */
  email: z.optional(z.email({ error: 'must be an email address' })),
  /** Its website. */
  website: text,
});

/**
 * The type of {@link OmbudsmanContact}.
 *
 * @example
 * ```ts
 * const contact: OmbudsmanContact = { ...HOUSING_OMBUDSMAN, phone: '0300 111 3000' };
 * const scottish: OmbudsmanContact = { ...SCOTTISH_PUBLIC_SERVICES_OMBUDSMAN, calledInLetters: 'SPSO' };
 * scottish.email; //=> undefined
 * ```
 */
export type OmbudsmanContact = z.infer<typeof OmbudsmanContact>;

/**
 * The Housing Ombudsman Service's contact details, in one place. Addresses do change (older
 * letters gave PO Box 152, Liverpool L33 7WQ): override any field by spreading,
 * `{ ...HOUSING_OMBUDSMAN, address: '...' }`.
 *
 * @example
 * ```ts
 * HOUSING_OMBUDSMAN.website; //=> 'www.housing-ombudsman.org.uk'
 * ```
 */
export const HOUSING_OMBUDSMAN: Readonly<OmbudsmanContact> = Object.freeze({
  name: 'Housing Ombudsman Service',
  address: 'PO Box 1484, Unit D, Preston PR2 0ET',
  phone: '0300 111 3000',
  email: 'info@housing-ombudsman.org.uk',
  website: 'www.housing-ombudsman.org.uk',
});

/**
 * The Scottish Public Services Ombudsman's contact details, for Scottish social landlords, who
 * follow the SPSO's model complaints handling procedure rather than the Housing Ombudsman's Code.
 * Letters giving these details call it "the Scottish Public Services Ombudsman (SPSO)" in their
 * headings and sentences, and never say "Housing Ombudsman" or "the Code".
 *
 * Where the values come from: the freephone number (0800 377 7330) and the website were checked
 * on the SPSO's own pages; the postal address (Bridgeside House, 99 McDonald Road, Edinburgh
 * EH7 4NS) comes from secondary sources (mygov.scot and councils' pages, some of which give
 * "Freepost SPSO" for post instead). There is no email address: the SPSO takes complaints by its
 * online form, and no general address of its was verified, so the letter gives the website. Check
 * these details before sending, and override any field by spreading,
 * `{ ...SCOTTISH_PUBLIC_SERVICES_OMBUDSMAN, address: 'Freepost SPSO' }`, as for
 * {@link HOUSING_OMBUDSMAN}.
 *
 * @example
 * ```ts
 * SCOTTISH_PUBLIC_SERVICES_OMBUDSMAN.phone; //=> '0800 377 7330'
 * SCOTTISH_PUBLIC_SERVICES_OMBUDSMAN.email; //=> undefined
 * const letter = { kind: 'decline-notice', complaintId: 'C-9', sentOn: '2025-02-03', reasons: 'Court proceedings about the same matter began in January', ombudsman: SCOTTISH_PUBLIC_SERVICES_OMBUDSMAN };
 * renderLetter(letter, { format: 'html' }).includes('<h2>Your right to take this decision to the Scottish Public Services Ombudsman (SPSO)</h2>'); //=> true
 * renderLetter(letter, { format: 'text' }).includes('Housing Ombudsman'); //=> false
 * ```
 */
export const SCOTTISH_PUBLIC_SERVICES_OMBUDSMAN: Readonly<OmbudsmanContact> = Object.freeze({
  name: 'Scottish Public Services Ombudsman',
  calledInLetters: 'Scottish Public Services Ombudsman (SPSO)',
  address: 'Bridgeside House, 99 McDonald Road, Edinburgh EH7 4NS',
  phone: '0800 377 7330',
  website: 'www.spso.org.uk',
});
