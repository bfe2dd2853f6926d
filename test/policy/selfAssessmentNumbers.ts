/**
 * Fixture: the provision numbers of the self-assessment form's "Code provision" column, copied
 * from the landlord's June 2024 self-assessment against the Code 2024, in its order. (Its last row
 * in section 9, on staff objectives, carries no number there; the Code numbers it 9.8.) Shared by
 * the provision table's test and the traceability page's test.
 */
export const SELF_ASSESSMENT_NUMBERS: readonly string[] = [
  ...['1.2', '1.3', '1.4', '1.5', '1.6'],
  ...['2.1', '2.2', '2.3', '2.4', '2.5'],
  ...['3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7'],
  ...['4.1', '4.2', '4.3'],
  ...['5.1', '5.2', '5.3', '5.4', '5.5', '5.6', '5.7', '5.8', '5.9', '5.10', '5.11', '5.12', '5.13', '5.14', '5.15'],
  ...['6.1', '6.2', '6.3', '6.4', '6.5', '6.6', '6.7', '6.8', '6.9', '6.10', '6.11', '6.12', '6.13', '6.14', '6.15', '6.16', '6.17', '6.18', '6.19', '6.20'],
  ...['7.1', '7.2', '7.3', '7.4'],
  ...['8.1', '8.2', '8.3', '8.4', '8.5'],
  // The seed lists the last requirement of section 9 in a row without a number: the Code's 9.8.
  ...['9.1', '9.2', '9.3', '9.4', '9.5', '9.6', '9.7', '9.8'],
];
