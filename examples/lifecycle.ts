/**
 * The sample complaint's life as events, as a housing system would log them: received the Friday
 * before Christmas 2024, a home visit for the damp and mould, an extension for a survey, both
 * stages with their letters, and remedies followed through after the final response.
 */
import type { ComplaintEvent } from 'housing-complaints';
import { acknowledgement, extensionNotice, stage1Response, stage2Acknowledgement, stage2Response } from './letters/samples.js';

type Of<T extends ComplaintEvent['type']> = Extract<ComplaintEvent, { type: T }>;
type Acknowledgement = Extract<typeof acknowledgement, { kind: 'acknowledgement' }>;

export const lifecycle: ComplaintEvent[] = [
  { type: 'RECEIVE', at: '2024-12-20T16:45:00Z', complaint: { id: 'C-2024-0142', region: 'england-and-wales', summary: 'Kitchen leak chased three times; damp and mould in the back bedroom', channel: 'phone', issueDate: '2024-10-14', safetyConcern: true } },
  // Each step that writes to the resident carries its letter, which goes on the record (5.12).
  { type: 'ACKNOWLEDGE', at: '2024-12-23T10:00:00Z', letter: acknowledgement as Acknowledgement },
  { type: 'OFFER_REMEDY', at: '2024-12-24T11:00:00Z', remedy: { id: 'home-visit', kind: 'action', description: 'Visit your home to see the damp and mould first-hand', dueOn: '2025-01-03' } },
  { type: 'COMPLETE_ACTION', at: '2025-01-03T14:00:00Z', id: 'home-visit' },
  { type: 'EXTEND', at: '2025-01-08T10:00:00Z', letter: extensionNotice as Extract<typeof extensionNotice, { kind: 'extension-notice' }> },
  { type: 'RESPOND', at: '2025-01-22T15:00:00Z', letter: stage1Response as Of<'RESPOND'>['letter'] },
  { type: 'ESCALATE', at: '2025-01-30T09:00:00Z' },
  { type: 'COMPLETE_ACTION', at: '2025-01-30T16:00:00Z', id: 's1-remedy-2' }, // the leak repaired
  { type: 'COMPLETE_ACTION', at: '2025-02-04T12:00:00Z', id: 's1-remedy-3' }, // £150 paid
  // The same manager cannot review their own decision (6.13): this one is refused.
  { type: 'ACKNOWLEDGE', at: '2025-02-05T09:00:00Z', letter: { ...(stage2Acknowledgement as Acknowledgement), handler: 'Sam Patel, Repairs Manager' } },
  { type: 'ACKNOWLEDGE', at: '2025-02-05T09:30:00Z', letter: stage2Acknowledgement as Acknowledgement },
  // The mould treatment was due on 14 February: the host's daily TICK records the miss (6.6).
  { type: 'TICK', at: '2025-02-17T07:00:00Z' },
  { type: 'COMPLETE_ACTION', at: '2025-02-19T15:00:00Z', id: 's1-action-1' },
  { type: 'RESPOND', at: '2025-03-04T12:00:00Z', letter: stage2Response as Of<'RESPOND'>['letter'] },
  // After the final response, its remedy and the last stage 1 action are still followed through.
  { type: 'COMPLETE_ACTION', at: '2025-03-06T16:00:00Z', id: 's1-action-2' },
  { type: 'COMPLETE_ACTION', at: '2025-03-14T10:00:00Z', id: 's2-remedy-1' },
  { type: 'TICK', at: '2025-03-20T07:00:00Z' },
];
