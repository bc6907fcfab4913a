import { useId } from 'react';
import { tokenizeTemplate } from '../model/template-tokens';

/** Props of {@link TemplateEditor}. */
export interface TemplateEditorProps {
  readonly label: string;
  readonly hint?: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly rows?: number;
  readonly invalid?: boolean;
}

/**
 * A command editor, one CLI line per line, with `{{var}}` tokens highlighted underneath the
 * text (a mirror layer; the textarea stays a plain, accessible textarea).
 */
export function TemplateEditor(props: TemplateEditorProps): React.JSX.Element {
  const id = useId();
  const lines = props.value.split('\n');
  return (
    <div className="field">
      <label htmlFor={id}>
        {props.label}
        {props.hint && <span className="hint"> — {props.hint}</span>}
      </label>
      <div className="editor editor-wrap">
        <pre aria-hidden="true">
          {lines.map((line, i) => (
            <span key={i}>
              {tokenizeTemplate(line).map((t, j) =>
                t.variable !== undefined ? (
                  <span key={j} className={t.valid ? 'var' : 'var bad'}>
                    {t.text}
                  </span>
                ) : (
                  <span key={j}>{t.text}</span>
                ),
              )}
              {'\n'}
            </span>
          ))}
        </pre>
        <textarea
          id={id}
          spellCheck={false}
          rows={props.rows ?? 6}
          value={props.value}
          aria-invalid={props.invalid ? true : undefined}
          onChange={(e) => props.onChange(e.target.value)}
        />
      </div>
    </div>
  );
}
