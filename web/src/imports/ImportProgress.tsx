import { useId } from 'react';

/**
 * A progress bar: how much of the file is sent while `fraction` is a number, then — the server still
 * importing, with nothing to measure — indeterminate (no `aria-valuenow`) with `label` as its text.
 */
export const ImportProgress = ({ label, fraction }: { label: string; fraction: number | null }) => {
  const labelId = useId();
  const percent = fraction === null ? null : Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <div className="mt-3 text-sm" data-testid="import-progress">
      <span id={labelId}>
        {label}
        {percent !== null && ` ${percent}%`}
      </span>
      <div
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? label : `${percent}%`}
        className="mt-1 h-2 w-full max-w-md overflow-hidden rounded bg-slate-200"
      >
        <div
          className={`h-full rounded bg-indigo-600 ${percent === null ? 'w-1/3 motion-safe:animate-pulse' : ''}`}
          style={percent === null ? undefined : { width: `${percent}%` }}
        />
      </div>
    </div>
  );
};
