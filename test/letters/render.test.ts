import { describe, expect, it } from 'vitest';
import {
  HOUSING_OMBUDSMAN,
  formatLetterDate,
  formatPounds,
  isInvalidRenderOptionsError,
  isLetterValidationError,
  letterParts,
  renderLetter,
  type Letter,
} from '../../src/letters/index.js';
import { landlord, resident, samples } from '../../examples/letters/samples.js';

function positions(text: string, headings: string[]): number[] {
  return headings.map((heading) => text.indexOf(heading));
}

describe('renderLetter: the parts in the Code’s order', () => {
  it.each([
    ['stage 1', samples.stage1Response, 1],
    ['stage 2', samples.stage2Response, 2],
  ] as const)('puts the %s response’s parts (a) to (g) under their headings, in order, in text and HTML', (_, letter, stage) => {
    const headings = letterParts(letter.kind, stage).filter((part) => part.required).map((part) => part.title);
    expect(headings).toHaveLength(stage === 1 ? 7 : 8); // stage 2's (g) is the route and the Ombudsman's details
    for (const format of ['text', 'html'] as const) {
      const at = positions(renderLetter(letter, { format }), headings);
      expect(at.every((p) => p >= 0)).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
    }
  });

  it.each(Object.entries(samples))('renders every part the %s has, in order', (_, letter) => {
    const text = renderLetter(letter, { format: 'text' });
    const stage = 'stage' in letter ? letter.stage : 1;
    const present = letterParts(letter.kind, stage).filter((part) => (letter as Record<string, unknown>)[part.field] !== undefined);
    const at = positions(text, present.map((part) => part.title));
    expect(at.every((p) => p >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('writes the stage 1 response a housing officer would send', () => {
    expect(renderLetter(samples.stage1Response, { format: 'text', landlord, resident })).toMatchInlineSnapshot(`
      "Peaks & Plains Housing Trust
      Macclesfield
      Cheshire
      0300 123 4567
      complaints@example.org.uk

      Wednesday 22 January 2025

      Ms A Khan
      Flat 2, 10 Mill Lane
      Macclesfield

      Our reference: C-2024-0142

      OUR STAGE 1 RESPONSE TO YOUR COMPLAINT

      Dear Ms A Khan,

      The complaint stage
      -------------------
      This is our stage 1 response to your complaint.

      Your complaint as we understand it
      ----------------------------------
      Your complaint is about:

      - The kitchen leak was reported in October and chased three times, but it
        has still not been repaired
      - There is damp and mould in the back bedroom, and nobody came to look at it
        after you reported it
      - A member of staff was rude to you on the phone on 2 December

      You would like:

      - The leak repaired for good
      - The damp and mould treated and its cause fixed
      - An apology

      Our decision
      ------------
      We have partly upheld your complaint.

      The reasons for our decision
      ----------------------------
      The kitchen leak was reported in October and chased three times, but it has
      still not been repaired. We have upheld this.

      Our records show three repair requests since 14 October. Two appointments
      were missed by our contractor. Our repairs policy says a leak must be fixed
      within 20 working days.

      We have referred to: Repairs policy, section 4.2.

      There is damp and mould in the back bedroom, and nobody came to look at it
      after you reported it. We have upheld this.

      You reported the mould on 29 November and we did not inspect it. We should
      have visited within 10 working days. The survey on 15 January found the leak
      has made the wall damp.

      We have referred to: Damp and mould policy, section 3; Awaab's Law
      timescales for significant hazards.

      A member of staff was rude to you on the phone on 2 December. We have not
      upheld this.

      We listened to the recording of the call. The adviser was firm but polite,
      and explained the next steps clearly.

      Putting things right
      --------------------
      - An apology: We are sorry that we did not fix the leak or inspect the mould
        when we should have.
      - Action to put things right: Our contractor will repair the leak and dry
        out the wall. By Friday 31 January 2025.
      - A payment (£150.00): Compensation for the time and trouble caused, paid to
        your rent account. By Wednesday 5 February 2025.

      What we still have to do
      ------------------------
      - Treat the mould and redecorate the back bedroom. By Friday 14 February
        2025.
      - Check that the repair has held. By Friday 7 March 2025.

      We will keep you updated until these are done.

      How to take your complaint to stage 2
      -------------------------------------
      If you are not satisfied with this response, you can ask us to take your
      complaint to stage 2. You do not have to tell us why.

      Reply to this letter, email complaints@example.org.uk or call 0300 123 4567
      and ask for stage 2.

      Contacting the Housing Ombudsman
      --------------------------------
      You can contact the Housing Ombudsman at any time for help with your
      complaint:

        Housing Ombudsman Service
        PO Box 1484, Unit D, Preston PR2 0ET
        Phone: 0300 111 3000
        Email: info@housing-ombudsman.org.uk
        Website: www.housing-ombudsman.org.uk

      Yours sincerely,
      Jo Smith, Complaints Team
      "
    `);
  });

  it('gives the Ombudsman’s details in a stage 2 response', () => {
    const text = renderLetter(samples.stage2Response, { format: 'text' });
    for (const detail of Object.values(HOUSING_OMBUDSMAN)) expect(text).toContain(detail);
    expect(text).toContain('Dear resident,');
    expect(text).toContain('The Complaints Team');
  });
});

describe('British dates and money', () => {
  it('writes dates out in full', () => {
    expect(formatLetterDate('2024-12-31')).toBe('Tuesday 31 December 2024');
    expect(formatLetterDate('2025-01-01')).toBe('Wednesday 1 January 2025');
    expect(formatLetterDate('2024-02-29')).toBe('Thursday 29 February 2024');
    expect(() => formatLetterDate('2024-02-30')).toThrow(/2024-02-30/);
  });

  it('writes pence as pounds', () => {
    expect(formatPounds(15000)).toBe('£150.00');
    expect(formatPounds(123456789)).toBe('£1,234,567.89');
    expect(formatPounds(99)).toBe('£0.99');
  });

  it('uses both in a rendered letter', () => {
    const html = renderLetter(samples.stage1Response, { format: 'html' });
    expect(html).toContain('£150.00');
    expect(html).toContain('Friday 31 January 2025');
  });
});

describe('HTML output', () => {
  const payloads = [
    '<script>alert(1)</script>',
    '" onmouseover="alert(1)',
    "'><img src=x onerror=alert(1)>",
    '</p><iframe src="https://evil.example"></iframe>',
    '&lt;already-escaped&gt; & <b>bold</b>',
  ];

  function hostile(payload: string): Letter {
    const letter = structuredClone(samples.stage1Response) as Extract<Letter, { kind: 'stage1-response' }>;
    letter.complaintId = payload;
    letter.definition.points[0]!.summary = payload;
    letter.definition.outcomesSought[0] = payload;
    letter.findings[0]!.reasons = payload;
    letter.findings[0]!.references = [payload];
    letter.remedies[0]!.description = payload;
    letter.outstandingActions[0]!.description = payload;
    letter.escalation.route = payload;
    return letter;
  }

  function hostileStage2(payload: string): Letter {
    const letter = structuredClone(samples.stage2Response) as Extract<Letter, { kind: 'stage2-response' }>;
    letter.ombudsman = { name: payload, address: payload, phone: payload, email: 'info@housing-ombudsman.org.uk', website: payload };
    letter.ombudsmanRoute = payload;
    return letter;
  }

  it.each(payloads.flatMap((payload) => [[payload, hostile(payload)], [`${payload} (stage 2, Ombudsman block)`, hostileStage2(payload)]] as const))('escapes everything that came from input: %s', (name, letter) => {
    const payload = name.replace(' (stage 2, Ombudsman block)', '');
    const html = renderLetter(letter, {
      format: 'html',
      standalone: true,
      landlord: { name: payload, address: [payload], phone: payload, email: payload, signOff: payload },
      resident: { name: payload, address: [payload] },
    });
    expect(html.split(payload).length - 1).toBe(payload.includes('<') || payload.includes('"') || payload.includes("'") || payload.includes('&') ? 0 : html.split(payload).length - 1);
    expect(html).not.toContain(payload.includes('<') || payload.includes('"') || payload.includes("'") ? payload : '\u0000');
    expect(html).not.toMatch(/<script|<img|<iframe|<b>/i);
    // Every tag is the renderer's own, with only the renderer's own attributes: no input became markup.
    for (const tag of html.match(/<[^>]*>/g)!) {
      expect(tag).toMatch(/^<(!doctype html|\/?[a-z0-9]+(\s+(class|lang|charset|name|content)="[^"<>]*")*)>$/);
    }
    const tags = new Set([...html.matchAll(/<\/?([a-z0-9!]+)/gi)].map((m) => m[1]!.toLowerCase()));
    expect([...tags].sort()).toEqual(['!doctype', 'address', 'article', 'body', 'br', 'h1', 'h2', 'head', 'html', 'li', 'meta', 'p', 'section', 'style', 'title', 'ul']);
  });

  it('escapes & so text cannot smuggle entities', () => {
    const letter = structuredClone(samples.declineNotice) as Extract<Letter, { kind: 'decline-notice' }>;
    letter.reasons = 'Tom & Jerry said &lt;script&gt;';
    expect(renderLetter(letter, { format: 'html' })).toContain('<p>Tom &amp; Jerry said &amp;lt;script&amp;gt;.</p>');
  });

  it('loads nothing from elsewhere', () => {
    for (const letter of Object.values(samples)) {
      const html = renderLetter(letter, { format: 'html', standalone: true, landlord, resident });
      expect(html).not.toMatch(/\b(src|href|action|srcset|poster)\s*=/i);
      expect(html).not.toMatch(/url\(|@import|<link|<script|<img|<iframe|<object|<embed/i);
    }
  });

  it('is an embeddable article by default and a whole document when standalone', () => {
    const fragment = renderLetter(samples.declineNotice, { format: 'html' });
    expect(fragment.startsWith('<article class="hc-letter" lang="en-GB">')).toBe(true);
    const page = renderLetter(samples.declineNotice, { format: 'html', standalone: true });
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('<meta charset="utf-8">');
  });

  it('renders the decline notice as HTML', () => {
    expect(renderLetter(samples.declineNotice, { format: 'html', resident: { name: 'Mr B Jones' } })).toMatchInlineSnapshot(`
      "<article class="hc-letter" lang="en-GB">
      <p class="hc-meta">Monday 13 January 2025<br>Our reference: C-2025-0007</p>
      <address class="hc-recipient">Mr B Jones</address>
      <h1>We cannot accept your complaint</h1>
      <p>Dear Mr B Jones,</p>
      <section><h2>Why we cannot accept your complaint</h2><p>Your complaint is about the disrepair claim you have filed at the county court. Because legal proceedings have started, the complaints process cannot consider it.</p></section>
      <section><h2>Your right to take this decision to the Housing Ombudsman</h2><p>You have the right to ask the Housing Ombudsman to look at this decision:</p><address>Housing Ombudsman Service<br>PO Box 1484, Unit D, Preston PR2 0ET<br>Phone: 0300 111 3000<br>Email: info@housing-ombudsman.org.uk<br>Website: www.housing-ombudsman.org.uk</address></section>
      <p class="hc-sign-off">Yours sincerely,<br>The Complaints Team</p>
      </article>
      "
    `);
  });
});

describe('text that spans lines', () => {
  it('keeps paragraphs and line breaks the landlord wrote', () => {
    const letter = structuredClone(samples.declineNotice) as Extract<Letter, { kind: 'decline-notice' }>;
    letter.reasons = 'First paragraph.\n\nSecond paragraph:\n1. item one\n2. item two';
    const text = renderLetter(letter, { format: 'text' });
    expect(text).toContain('First paragraph.\n\nSecond paragraph:\n1. item one\n2. item two.\n');
    expect(renderLetter(letter, { format: 'html' })).toContain('<p>First paragraph.</p><p>Second paragraph:<br>1. item one<br>2. item two.</p>');
  });

  it('never prints a line wider than 76 columns, breaking words that are longer', () => {
    const letter = structuredClone(samples.declineNotice) as Extract<Letter, { kind: 'decline-notice' }>;
    letter.reasons = `See ${'https://example.org/'.padEnd(150, 'x')} and ${'y'.repeat(90)}`;
    const lines = renderLetter(letter, { format: 'text' }).split('\n');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(76);
    expect(lines.join('')).toContain('y'.repeat(76));
  });
});

describe('renderLetter refuses', () => {
  it('an invalid letter, with the validation error', () => {
    const letter = structuredClone(samples.extensionNotice) as Record<string, unknown>;
    delete letter.ombudsman;
    for (const format of ['text', 'html'] as const) {
      try {
        renderLetter(letter, { format });
        expect.unreachable();
      } catch (error) {
        expect(isLetterValidationError(error)).toBe(true);
      }
    }
  });

  it('an unknown format, and a landlord or resident without a name', () => {
    for (const options of [
      { format: 'pdf' },
      null,
      { format: 'text', resident: { name: ' ' } },
      { format: 'html', landlord: {} },
      { format: 'text', resident: { name: 'A', address: 'one line' } },
      { format: 'html', landlord: { name: 'L', phone: 123 } },
      { format: 'text', resident: { name: 'Mr X,\n\nWhy we cannot accept your complaint\n---' } },
      { format: 'text', landlord: { name: 'L', signOff: 'Jo\u202eevil' } },
      { format: 'text', resident: { name: 'A', title: 'Dr' } },
    ]) {
      try {
        renderLetter(samples.declineNotice, options as never);
        expect.unreachable();
      } catch (error) {
        expect(isInvalidRenderOptionsError(error)).toBe(true);
      }
    }
  });
});
