/**
 * Events for the sample complaint of examples/letters/samples.ts (a kitchen leak chased three times,
 * damp and mould), so machine tests read as the process.
 */
import { samples } from '../../examples/letters/samples.js';
import type { ComplaintEvent } from '../../src/machine/index.js';
import { HOUSING_OMBUDSMAN, type ComplaintDefinition, type Letter } from '../../src/letters/index.js';

type Of<T extends ComplaintEvent['type']> = Extract<ComplaintEvent, { type: T }>;
type Definition = ComplaintDefinition;
/** The deprecated shapes (handler and definition; until and reason) that the older tests still drive, proving they keep working. */
type OldAcknowledge = Extract<ComplaintEvent, { type: 'ACKNOWLEDGE'; handler: string }>;
type OldExtend = Extract<ComplaintEvent, { type: 'EXTEND'; until: string }>;

export const ID = 'C-2024-0142';
export const definition = (samples.acknowledgement as Extract<Letter, { kind: 'acknowledgement' }>).definition as Definition;
export const stage2Definition = (samples.stage2Acknowledgement as Extract<Letter, { kind: 'acknowledgement' }>).definition as Definition;

export const receive = (at = '2024-12-20T16:45:00Z', complaint: Partial<Of<'RECEIVE'>['complaint']> = {}): Of<'RECEIVE'> => ({
  type: 'RECEIVE',
  at,
  complaint: { id: ID, region: 'england-and-wales', summary: 'Kitchen leak and bedroom mould', ...complaint },
});
export const acknowledge = (at = '2024-12-23T10:00:00Z', handler = 'Sam Patel', def: Definition = definition): OldAcknowledge => ({ type: 'ACKNOWLEDGE', at, handler, definition: def });
export const extend = (at: string, until: string, extra: Partial<OldExtend> = {}): OldExtend => ({
  type: 'EXTEND',
  at,
  until,
  reason: 'We are waiting for a damp survey.',
  ombudsmanDetailsGiven: true,
  ...extra,
});
export const respond1 = (at = '2025-01-08T15:00:00Z', letter: Letter = { ...samples.stage1Response, sentOn: at.slice(0, 10) } as Letter): Of<'RESPOND'> => ({
  type: 'RESPOND',
  at,
  letter: letter as Of<'RESPOND'>['letter'],
});
export const escalate = (at = '2025-01-30T09:00:00Z', explanation?: string): Of<'ESCALATE'> => (explanation ? { type: 'ESCALATE', at, explanation } : { type: 'ESCALATE', at });
export const acknowledge2 = (at = '2025-02-05T09:00:00Z', handler = 'Priya Shah') => acknowledge(at, handler, stage2Definition);
/**
 * The stage 2 response, listing what the stage 1 response left open and nobody completed in the
 * sample (6.17): the repair, the compensation, the mould treatment (each given a new date) and the
 * check that the repair held.
 */
export const respond2 = (at = '2025-03-04T12:00:00Z'): Of<'RESPOND'> => {
  const sentOn = at.slice(0, 10);
  const later = sentOn > '2025-03-11' ? sentOn : '2025-03-11';
  const stage1 = samples.stage1Response as Extract<Letter, { kind: 'stage1-response' }>;
  const stillOpen = [...stage1.remedies.filter((r) => r.dueOn), ...stage1.outstandingActions].map((item) => ({ description: item.description, dueOn: later }));
  return { type: 'RESPOND', at, letter: { ...samples.stage2Response, sentOn, outstandingActions: stillOpen } as Of<'RESPOND'>['letter'] };
};
export const decline = (at: string, reason: Of<'DECLINE'>['reason'] = 'legal-proceedings'): Of<'DECLINE'> => ({
  type: 'DECLINE',
  at,
  reason,
  letter: { ...samples.declineNotice, complaintId: ID, sentOn: at.slice(0, 10) } as Of<'DECLINE'>['letter'],
});
export const refuseEscalation = (at: string, reason: Of<'REFUSE_ESCALATION'>['reason'] = 'previously-considered'): Of<'REFUSE_ESCALATION'> => ({
  type: 'REFUSE_ESCALATION',
  at,
  reason,
  letter: { ...samples.escalationRefusal, complaintId: ID, sentOn: at.slice(0, 10), ombudsman: HOUSING_OMBUDSMAN } as Of<'REFUSE_ESCALATION'>['letter'],
});
export const tick = (at: string): Of<'TICK'> => ({ type: 'TICK', at });

/** The whole sample complaint through both stages. */
export const throughBothStages = (): ComplaintEvent[] => [
  receive(),
  acknowledge(),
  extend('2025-01-08T10:00:00Z', '2025-01-23'),
  respond1('2025-01-22T15:00:00Z'),
  escalate(),
  acknowledge2(),
  respond2(),
];
