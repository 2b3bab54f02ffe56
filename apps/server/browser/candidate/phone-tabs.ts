// On a phone the room's panels (chat, customer, help center) are tabs (../lib/tabs.ts). While
// another tab is open, the chat tab counts the customer's new messages, and says so once per burst;
// back on the chat they are read, the log at its newest. The end of the chat brings the chat tab up.
import { EVENT } from '@hotseat/events';
import { byId } from '../lib/dom';
import { phoneTabs } from '../lib/tabs';
import type { RoomPart } from './room';

export interface RoomTabs extends RoomPart {
  /** Brings the chat tab up, on a phone, where another one is open. */
  showChat(): void;
}

export function roomTabs(): RoomTabs {
  const messages = byId('messages');
  /** Customer messages that came while another tab was open, on a phone. */
  let unread = 0;

  const tabs = phoneTabs({
    tablist: byId('room-tabs'),
    media: '(max-width: 760px)',
    onChange: (panel, tabbed) => {
      if (!tabbed || panel === 'chat-panel') markRead();
    },
  });

  function unreadMessage(): void {
    unread += 1;
    showUnread();
    // Said once per burst: the tab's name carries the count from then on.
    if (unread === 1) byId('unread-status').textContent = 'The customer wrote a new message.';
  }

  function markRead(): void {
    messages.scrollTop = messages.scrollHeight;
    if (unread === 0) return;
    unread = 0;
    showUnread();
    byId('unread-status').textContent = '';
  }

  function showUnread(): void {
    const badge = byId('unread');
    badge.textContent = unread === 0 ? '' : String(unread);
    badge.hidden = unread === 0;
    byId('unread-words').textContent =
      unread === 0 ? '' : ` (${unread} new ${unread === 1 ? 'message' : 'messages'})`;
  }

  return {
    show(event) {
      if (event.type !== EVENT.chatMessage || event.actor === 'candidate') return;
      if (tabs.tabbed && tabs.selected !== 'chat-panel') unreadMessage();
    },
    showChat() {
      if (tabs.tabbed && tabs.selected !== 'chat-panel') tabs.select('chat-panel');
    },
  };
}
