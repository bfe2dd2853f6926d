/**
 * The command line's forgiving names and option readers, in process: regions, policies and
 * commands as people type them, "did you mean" for slips, --homes, and progress only on a terminal.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { homesOption } from '../../src/cli/args.js';
import { UsageError } from '../../src/cli/errors.js';
import { Output, Progress } from '../../src/cli/io.js';
import { didYouMean, editDistance, resolvePolicy, resolveRegion } from '../../src/cli/suggest.js';

function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('regions', () => {
  it.each([
    ['england-and-wales', 'england-and-wales'],
    ['England', 'england-and-wales'],
    ['wales', 'england-and-wales'],
    ['E&W', 'england-and-wales'],
    ['e and w', 'england-and-wales'],
    ['GB-ENG', 'england-and-wales'],
    ['GB-WLS', 'england-and-wales'],
    ['Scotland', 'scotland'],
    ['SCOTLAND', 'scotland'],
    ['GB-SCT', 'scotland'],
    ['scot', 'scotland'],
    ['ni', 'northern-ireland'],
    ['NI', 'northern-ireland'],
    ['Northern Ireland', 'northern-ireland'],
    ['northern_ireland', 'northern-ireland'],
    ['GB-NIR', 'northern-ireland'],
    ['north', 'northern-ireland'],
  ])('reads %s as %s', (given, region) => {
    expect(resolveRegion(given)).toBe(region);
  });

  it('suggests the region meant by a slip, and accepts none', () => {
    expect(usageMessage(() => resolveRegion('Scottland'))).toContain("Did you mean 'scotland'?");
    expect(usageMessage(() => resolveRegion('Englnd'))).toContain("Did you mean 'england-and-wales'?");
  });

  it('lists the regions for a name that fits none, such as the UK as a whole', () => {
    const message = usageMessage(() => resolveRegion('UK'));
    expect(message).not.toContain('Did you mean');
    expect(message).toContain('The regions are england-and-wales, scotland, northern-ireland');
  });
});

describe('policies', () => {
  it.each([
    ['code2024', 'code2024'],
    ['code-2024', 'code2024'],
    ['Code', 'code2024'],
    ['peaksPlainsV4', 'peaksPlainsV4'],
    ['peaks-plains-v4', 'peaksPlainsV4'],
    ['Peaks & Plains', 'peaksPlainsV4'],
    ['pp', 'peaksPlainsV4'],
  ])('reads %s as %s', (given, name) => {
    expect(resolvePolicy(given).name).toBe(name);
  });

  it('suggests the policy meant by a slip', () => {
    expect(usageMessage(() => resolvePolicy('peaksPlainV4'))).toContain("Did you mean 'peaksPlainsV4'?");
    expect(usageMessage(() => resolvePolicy('cod2024'))).toContain("Did you mean 'code2024'?");
  });
});

describe('did you mean', () => {
  it('counts a swap of two letters as one slip', () => {
    expect(editDistance('repaly', 'replay')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('offers every equally near name, and nothing when no name is near', () => {
    expect(didYouMean('repor', ['replay', 'report'])).toBe(" Did you mean 'report'?");
    expect(didYouMean('rep1ay', ['replay', 'report'])).toBe(" Did you mean 'replay'?");
    expect(didYouMean('xyz', ['replay', 'report'])).toBe('');
  });
});

describe('--homes', () => {
  it('reads a number of homes, or homes by tenure', () => {
    expect(homesOption('4500', 'report')).toBe(4500);
    expect(homesOption('4,500', 'report')).toBe(4500);
    expect(homesOption('lcra=4000,lcho=500', 'report')).toEqual({ lowCostRental: 4000, lowCostHomeOwnership: 500 });
    expect(homesOption('rental=10, ownership=2', 'report')).toEqual({ lowCostRental: 10, lowCostHomeOwnership: 2 });
  });

  it('refuses anything else, saying how to write it', () => {
    expect(usageMessage(() => homesOption('lots', 'report'))).toContain('--homes lcra=4000,lcho=500');
    expect(usageMessage(() => homesOption('lcra=4000,lcra=1', 'report'))).toContain('given twice');
    expect(usageMessage(() => homesOption('lcra=-1', 'report'))).toContain('is not a whole number');
  });
});

describe('progress', () => {
  function stderr(isTTY: boolean): { output: Output; text: () => string } {
    const stream = Object.assign(new PassThrough(), { isTTY });
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
    return { output: new Output(stream), text: () => text };
  }

  it('shows lines read and complaints on a terminal, once the input has taken a while, and clears them at the end', async () => {
    const { output, text } = stderr(true);
    const progress = new Progress(output, 'events.jsonl', 0);
    progress.update({ lines: 12_000, complaints: 3_000 });
    progress.done();
    await new Promise((resolve) => setImmediate(resolve));
    expect(text()).toBe('\r\x1b[Kevents.jsonl: 12,000 lines read, 3,000 complaints\r\x1b[K');
  });

  it('shows nothing when standard error is not a terminal', async () => {
    const { output, text } = stderr(false);
    const progress = new Progress(output, 'events.jsonl', 0);
    progress.update({ lines: 12_000, complaints: 3_000 });
    progress.done();
    await new Promise((resolve) => setImmediate(resolve));
    expect(text()).toBe('');
  });

  it('shows nothing in the first seconds', async () => {
    const { output, text } = stderr(true);
    const progress = new Progress(output, 'events.jsonl');
    progress.update({ lines: 12_000 });
    progress.done();
    await new Promise((resolve) => setImmediate(resolve));
    expect(text()).toBe('');
  });
});
