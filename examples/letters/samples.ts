/**
 * One sample of each letter the Code requires, for one realistic complaint: a kitchen leak chased
 * three times, and damp and mould in a bedroom (England, Peaks & Plains-style). The docs page
 * `docs/letters.md`, the demo and the tests all use these, so what the docs show is what runs.
 */
import { HOUSING_OMBUDSMAN, type Letter, type LetterRecipient, type LetterSender } from 'housing-complaints/letters';

export const landlord: LetterSender = {
  name: 'Peaks & Plains Housing Trust',
  address: ['Macclesfield', 'Cheshire'],
  phone: '0300 123 4567',
  email: 'complaints@example.org.uk',
  signOff: 'Jo Smith, Complaints Team',
};

export const resident: LetterRecipient = { name: 'Ms A Khan', address: ['Flat 2, 10 Mill Lane', 'Macclesfield'] };

const definition = {
  points: [
    { id: 'leak', summary: 'The kitchen leak was reported in October and chased three times, but it has still not been repaired' },
    { id: 'mould', summary: 'There is damp and mould in the back bedroom, and nobody came to look at it after you reported it' },
    { id: 'call', summary: 'A member of staff was rude to you on the phone on 2 December' },
  ],
  outcomesSought: ['The leak repaired for good', 'The damp and mould treated and its cause fixed', 'An apology'],
};

export const acknowledgement: Letter = {
  kind: 'acknowledgement',
  complaintId: 'C-2024-0142',
  sentOn: '2024-12-23',
  stage: 1,
  handler: 'Sam Patel, Repairs Manager',
  definition,
  respondBy: '2025-01-09',
  notResponsibleFor: ['The fence at the back of the garden, which belongs to your neighbour'],
  ombudsman: HOUSING_OMBUDSMAN,
};

export const extensionNotice: Letter = {
  kind: 'extension-notice',
  complaintId: 'C-2024-0142',
  sentOn: '2025-01-08',
  stage: 1,
  reasons: 'We have booked a damp and mould survey of your home for 15 January. We need its findings to answer your complaint properly.',
  newRespondBy: '2025-01-23',
  ombudsman: HOUSING_OMBUDSMAN,
};

export const stage1Response: Letter = {
  kind: 'stage1-response',
  complaintId: 'C-2024-0142',
  sentOn: '2025-01-22',
  stage: 1,
  definition,
  decision: 'partly-upheld',
  findings: [
    {
      pointId: 'leak',
      upheld: true,
      reasons: 'Our records show three repair requests since 14 October. Two appointments were missed by our contractor. Our repairs policy says a leak must be fixed within 20 working days.',
      references: ['Repairs policy, section 4.2'],
    },
    {
      pointId: 'mould',
      upheld: true,
      reasons: 'You reported the mould on 29 November and we did not inspect it. We should have visited within 10 working days. The survey on 15 January found the leak has made the wall damp.',
      references: ['Damp and mould policy, section 3', "Awaab's Law timescales for significant hazards"],
    },
    {
      pointId: 'call',
      upheld: false,
      reasons: 'We listened to the recording of the call. The adviser was firm but polite, and explained the next steps clearly.',
    },
  ],
  remedies: [
    { kind: 'apology', description: 'We are sorry that we did not fix the leak or inspect the mould when we should have' },
    { kind: 'action', description: 'Our contractor will repair the leak and dry out the wall', dueOn: '2025-01-31' },
    { kind: 'financial', description: 'Compensation for the time and trouble caused, paid to your rent account', amountPence: 15000, dueOn: '2025-02-05' },
  ],
  outstandingActions: [
    { description: 'Treat the mould and redecorate the back bedroom', dueOn: '2025-02-14' },
    { description: 'Check that the repair has held', dueOn: '2025-03-07' },
  ],
  escalation: { route: 'Reply to this letter, email complaints@example.org.uk or call 0300 123 4567 and ask for stage 2' },
  ombudsman: HOUSING_OMBUDSMAN,
};

export const stage2Acknowledgement: Letter = {
  kind: 'acknowledgement',
  complaintId: 'C-2024-0142',
  sentOn: '2025-02-05',
  stage: 2,
  handler: 'Priya Shah, Head of Housing Services',
  definition: {
    points: [...definition.points, { id: 'remedy', summary: 'The compensation offered does not reflect months of living with mould' }],
    outcomesSought: ['More compensation', 'The mould treated before the end of February'],
  },
  respondBy: '2025-03-05',
};

export const stage2Response: Letter = {
  kind: 'stage2-response',
  complaintId: 'C-2024-0142',
  sentOn: '2025-03-04',
  stage: 2,
  definition: stage2Acknowledgement.definition,
  decision: 'partly-upheld',
  findings: [
    { pointId: 'leak', upheld: true, reasons: 'We agree with the stage 1 finding. The leak was repaired on 30 January.' },
    { pointId: 'mould', upheld: true, reasons: 'We agree with the stage 1 finding. The treatment was finished on 12 February.' },
    { pointId: 'call', upheld: false, reasons: 'We agree with the stage 1 finding.' },
    {
      pointId: 'remedy',
      upheld: true,
      reasons: 'You lived with mould in a bedroom for three months. The Ombudsman’s remedies guidance suggests a higher award for this impact.',
      references: ['Housing Ombudsman remedies guidance'],
    },
  ],
  remedies: [{ kind: 'financial', description: 'Further compensation for the impact of the mould, on top of the £150 already paid', amountPence: 35000, dueOn: '2025-03-18' }],
  outstandingActions: [{ description: 'Check that the repair has held', dueOn: '2025-03-07' }],
  ombudsmanRoute: 'If you are still unhappy, you can ask the Housing Ombudsman to investigate your complaint. This is our final response',
  ombudsman: HOUSING_OMBUDSMAN,
};

export const declineNotice: Letter = {
  kind: 'decline-notice',
  complaintId: 'C-2025-0007',
  sentOn: '2025-01-13',
  reasons: 'Your complaint is about the disrepair claim you have filed at the county court. Because legal proceedings have started, the complaints process cannot consider it',
  ombudsman: HOUSING_OMBUDSMAN,
};

export const escalationRefusal: Letter = {
  kind: 'escalation-refusal',
  complaintId: 'C-2024-0099',
  sentOn: '2025-02-10',
  reasons: 'The matter you have asked us to review was fully considered at stage 2 in complaint C-2023-0311, and our final response was sent on 4 September 2023',
  ombudsman: HOUSING_OMBUDSMAN,
};

/** Every sample, in the order the docs show them. */
export const samples = { acknowledgement, extensionNotice, stage1Response, stage2Acknowledgement, stage2Response, declineNotice, escalationRefusal };
