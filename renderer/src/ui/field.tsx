import type { ChangeEvent, ReactNode, Ref } from 'react';

type Common = {
  id: string;
  label: string;
  testId: string;
  error?: string | undefined;
  hint?: string | undefined;
  disabled?: boolean;
};

function Frame({ id, label, error, hint, children }: Common & { children: ReactNode }) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && !error ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, error?: string, hint?: string): string | undefined {
  if (error) return `${id}-error`;
  return hint ? `${id}-hint` : undefined;
}

export type TextFieldProps = Common & {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password' | 'number' | 'url';
  autoComplete?: string;
  inputMode?: 'text' | 'numeric';
  inputRef?: Ref<HTMLInputElement>;
  multiline?: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
};

export function TextField({ inputRef, ...props }: TextFieldProps) {
  const { id, testId, value, onChange, error, hint, disabled, type, autoComplete, inputMode, maxLength, min, max } = props;
  const common = {
    id,
    'data-testid': testId,
    value,
    disabled,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, error, hint),
  };
  return (
    <Frame {...props}>
      {props.multiline ? (
        <textarea {...common} rows={3} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          ref={inputRef}
          type={type ?? 'text'}
          autoComplete={autoComplete ?? 'off'}
          inputMode={inputMode}
          maxLength={maxLength}
          min={min}
          max={max}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Frame>
  );
}

export type SelectFieldProps = Common & {
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
};

export function SelectField(props: SelectFieldProps) {
  const { id, testId, value, onChange, error, hint, options, disabled } = props;
  return (
    <Frame {...props}>
      <select
        id={id}
        data-testid={testId}
        value={value}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** A key hint shown on a button, so the key is learnt by looking. */
export function Kbd({ children }: { children: ReactNode }) {
  return <kbd className="kbd">{children}</kbd>;
}
