/**
 * Tabs for a narrow screen (the WAI-ARIA tabs pattern): on a phone the panels of `tablist` show one
 * at a time, the arrow keys, Home and End move between the tabs, and each panel is a `tabpanel`
 * labelled by its tab. On a wider screen the tab list is hidden and every panel shows side by side,
 * as plain sections. Each tab names its panel with `aria-controls`.
 */

export interface Tabs {
  /** Whether the panels are tabs right now (a narrow screen). */
  readonly tabbed: boolean;
  /** The id of the panel whose tab is selected (on a wide screen too: the one shown when narrowed). */
  readonly selected: string;
  /** Shows `panelId`'s panel; `focus` moves the focus to its tab. */
  select(panelId: string, focus?: boolean): void;
}

export interface TabsOptions {
  tablist: HTMLElement;
  /** The screens the tabs are for, as a media query. */
  media: string;
  /** After a panel is shown, on a narrow screen, or after the screen got wider (`tabbed` false). */
  onChange?: (panelId: string, tabbed: boolean) => void;
}

export function phoneTabs({ tablist, media, onChange }: TabsOptions): Tabs {
  const tabs = [...tablist.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const panelOf = (tab: HTMLElement) =>
    document.getElementById(tab.getAttribute('aria-controls')!)!;
  const narrow = window.matchMedia(media);
  let selected = tabs[0].getAttribute('aria-controls')!;

  function draw(): void {
    const tabbed = narrow.matches;
    tablist.hidden = !tabbed;
    for (const tab of tabs) {
      const panel = panelOf(tab);
      const on = tab.getAttribute('aria-controls') === selected;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      if (tabbed) {
        panel.setAttribute('role', 'tabpanel');
        panel.setAttribute('aria-labelledby', tab.id);
        panel.hidden = !on;
      } else {
        panel.removeAttribute('role');
        // Back to the panel's own heading as its name.
        if (panel.dataset.labelledby)
          panel.setAttribute('aria-labelledby', panel.dataset.labelledby);
        panel.hidden = false;
      }
    }
    onChange?.(selected, tabbed);
  }

  for (const tab of tabs) {
    const panel = panelOf(tab);
    panel.dataset.labelledby = panel.getAttribute('aria-labelledby') ?? '';
    tab.addEventListener('click', () => select(tab.getAttribute('aria-controls')!, false));
    tab.addEventListener('keydown', (event) => {
      const at = tabs.indexOf(tab);
      const to =
        event.key === 'ArrowRight'
          ? (at + 1) % tabs.length
          : event.key === 'ArrowLeft'
            ? (at - 1 + tabs.length) % tabs.length
            : event.key === 'Home'
              ? 0
              : event.key === 'End'
                ? tabs.length - 1
                : null;
      if (to === null) return;
      event.preventDefault();
      select(tabs[to].getAttribute('aria-controls')!, true);
    });
  }

  function select(panelId: string, focus = false): void {
    const tab = tabs.find((t) => t.getAttribute('aria-controls') === panelId);
    if (!tab) return;
    selected = panelId;
    draw();
    if (focus) tab.focus();
  }

  narrow.addEventListener('change', draw);
  draw();

  return {
    get tabbed() {
      return narrow.matches;
    },
    get selected() {
      return selected;
    },
    select,
  };
}
