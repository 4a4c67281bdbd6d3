export interface ViewToggleProps<V extends string> {
  /** The views in order, with their labels. */
  views: readonly V[];
  labels: Record<V, string>;
  value: V;
  onChange: (view: V) => void;
  legend?: string;
  className?: string;
}

/**
 * "Show as …": toggle buttons (`aria-pressed`) rather than tabs, since the filters beside them apply
 * to every view. Choosing the current view does nothing.
 */
export function ViewToggle<V extends string>({ views, labels, value, onChange, legend = 'Show as', className }: ViewToggleProps<V>) {
  return (
    <fieldset className={`filter-group${className ? ` ${className}` : ''}`}>
      <legend className="field-label">{legend}</legend>
      <div className="view-toggle">
        {views.map((view) => (
          <button
            key={view}
            type="button"
            className="button view-toggle-button"
            aria-pressed={value === view}
            onClick={() => {
              if (value !== view) onChange(view);
            }}
          >
            {labels[view]}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
