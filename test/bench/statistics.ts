/** The middle value (mean of the two middle ones for an even count); NaN for no samples. */
export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Linear-interpolated percentile (0–100) of the samples; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] ?? Number.NaN;
  const highValue = sorted[high] ?? lowValue;
  return lowValue + (highValue - lowValue) * (rank - low);
}

/** Median with the spread people need to judge a noisy machine: min, p25, p75, max. */
export interface Summary {
  median: number;
  min: number;
  p25: number;
  p75: number;
  max: number;
  runs: number;
}

export function summarise(samples: readonly number[]): Summary {
  return {
    median: median(samples),
    min: Math.min(...samples),
    p25: percentile(samples, 25),
    p75: percentile(samples, 75),
    max: Math.max(...samples),
    runs: samples.length,
  };
}
