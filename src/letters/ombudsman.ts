import * as z from 'zod/mini';
import { text } from './primitives.js';

/**
 * How a resident reaches the Housing Ombudsman. Decline notices (2.4), escalation refusals (5.11),
 * extension notices (6.5, 6.16) and stage 2 responses (6.19(g)) must all give these details.
 *
 * @example
 * ```ts
 * OmbudsmanContact.parse(HOUSING_OMBUDSMAN).phone; //=> '0300 111 3000'
 * ```
 */
export const OmbudsmanContact = z.strictObject({
  /** The service's name. */
  name: text,
  /** Its postal address. */
  address: text,
  /** Its telephone number. */
  phone: text,
  /** Its email address. */
  email: z.email({ error: 'must be an email address' }),
  /** Its website. */
  website: text,
});

/**
 * The type of {@link OmbudsmanContact}.
 *
 * @example
 * ```ts
 * const contact: OmbudsmanContact = { ...HOUSING_OMBUDSMAN, phone: '0300 111 3000' };
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
