'use client';
import { useRef, useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from 'react';

export function Field({ label, ...input }: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium">{label}</span>
      <input className="rounded border border-stone-300 px-2 py-1.5" {...input} />
    </label>
  );
}

export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">{message}</p>;
}

/**
 * Marked, not disabled, while its form is sent: a disabled button loses the keyboard focus, and the person their
 * place on the page. `useAction` ignores presses while one is running.
 */
export function SubmitButton({ pending, children }: { pending: boolean; children: ReactNode }) {
  return (
    <button type="submit" aria-disabled={pending} className="rounded bg-emerald-700 px-3 py-2 text-sm font-medium text-white hover:bg-emerald-800 aria-disabled:opacity-60">
      {children}
    </button>
  );
}

/**
 * An action's pending state and the error to show: whatever `action` throws is
 * shown, and nothing else is lost.
 */
export function useAction<Args extends unknown[]>(action: (...args: Args) => Promise<void>) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Two presses before the page shows the first as pending still run the action once.
  const running = useRef(false);
  async function run(...args: Args) {
    if (running.current) return;
    running.current = true;
    setPending(true);
    setError(null);
    try {
      await action(...args);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      running.current = false;
      setPending(false);
    }
  }
  return { run, error, pending, clearError: () => setError(null) };
}

/**
 * A form's handlers (`action` gets the form's data; spread `form` on the <form>), with the pending state and
 * error of `useAction`. An error stays until the next attempt, and goes when the browser's own checks stop one
 * (the message would otherwise sit next to the browser's, about a value since changed).
 */
export function useFormSubmit(action: (form: FormData) => Promise<void>) {
  const { run, error, pending, clearError } = useAction(action);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run(new FormData(event.currentTarget));
  }
  return { form: { onSubmit, onInvalidCapture: clearError }, error, pending };
}
