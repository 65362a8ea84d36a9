import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorNote, Loading } from '../components/Notice.tsx';
import { type ToolCall, ToolCard } from '../components/ToolCard.tsx';
import { ApiError, authHeaders, deleteJson, errorOf, getJson } from '../lib/api.ts';
import { timeAgo } from '../lib/format.ts';
import { mount } from '../lib/mount.tsx';
import { sessionToken } from '../lib/session.ts';
import { settings } from '../lib/settings.ts';
import { serverEvents } from '../lib/sse.ts';

interface Summary {
  id: string;
  title: string;
  updated_at: string;
}

interface Message {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  tool_calls: ToolCall[];
}

/** A chat answer may take a while (tools, a model); past this the page gives up, as the server would. */
const ANSWER_TIMEOUT_MS = 120_000;

function MessageView({ message }: { message: Message }) {
  return (
    <div class={`message ${message.role}`}>
      <p class="who">{message.role === 'user' ? 'You' : 'AlphaNest'}</p>
      {message.tool_calls.map((call, i) => (
        <ToolCard key={call.id ?? i} call={call} />
      ))}
      {message.content && <p class="text">{message.content}</p>}
    </div>
  );
}

function Chat() {
  const [conversations, setConversations] = useState<Summary[] | null>(null);
  const [current, setCurrent] = useState<string | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const box = useRef<HTMLTextAreaElement>(null);

  const refreshList = () =>
    getJson<{ items: Summary[] }>('/api/chat/conversations?size=50')
      .then((page) => setConversations(page.items))
      .catch(setError);

  useEffect(() => void refreshList(), []);

  const open = async (id: string) => {
    setError(null);
    try {
      const conversation = await getJson<{ messages: Message[] }>(`/api/chat/conversation/${id}`);
      setCurrent(id);
      setMessages(conversation.messages);
    } catch (err) {
      setError(err);
    }
  };

  const remove = async (id: string) => {
    try {
      await deleteJson(`/api/chat/conversation/${id}`);
      if (current === id) {
        setCurrent(null);
        setMessages([]);
      }
      await refreshList();
    } catch (err) {
      setError(err);
    }
  };

  const send = async (text: string) => {
    setBusy(true);
    setError(null);
    const answer: Message = { id: 'pending', role: 'assistant', content: '', tool_calls: [] };
    const update = () => setMessages((list) => [...list.slice(0, -1), { ...answer }]);
    setMessages((list) => [...list, { id: 'sent', role: 'user', content: text, tool_calls: [] }, answer]);
    let taken = false;
    try {
      const response = await fetch('/api/chat/message', {
        method: 'POST',
        headers: { ...authHeaders(), 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ message: text, stream: true, ...(current && { conversation_id: current }) }),
        signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
      });
      if (!response.ok || !response.body) throw await errorOf(response);
      taken = true;
      for await (const { event, data } of serverEvents(response.body)) {
        const body = data as Record<string, unknown>;
        if (event === 'text-delta') answer.content += String(body.text ?? '');
        else if (event === 'tool-call-start') answer.tool_calls = [...answer.tool_calls, body as unknown as ToolCall];
        else if (event === 'tool-call-end')
          answer.tool_calls = answer.tool_calls.map((c) => (c.id === body.id ? (body as unknown as ToolCall) : c));
        else if (event === 'done') setCurrent(String(body.conversation_id));
        else if (event === 'error') throw new ApiError(Number(body.status), String(body.code), String(body.message));
        update();
      }
      await refreshList();
    } catch (err) {
      setError(err);
      // Refused (signed out, the gateway unreachable): the message was not taken, so it goes back into the box (unless
      // the reader has started another).
      if (!taken) {
        setMessages((list) => list.slice(0, -2));
        if (box.current && !box.current.value) box.current.value = text;
      }
    } finally {
      setBusy(false);
      box.current?.focus();
    }
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const text = box.current?.value.trim();
    if (!text || busy) return;
    box.current!.value = '';
    void send(text);
  };

  return (
    <div class="chat">
      <aside class="conversations" aria-label="Conversations">
        <h2>Conversations</h2>
        <button
          type="button"
          onClick={() => {
            setCurrent(null);
            setMessages([]);
            box.current?.focus();
          }}
        >
          New conversation
        </button>
        {conversations === null ? (
          <Loading />
        ) : (
          <ul class="plain">
            {conversations.map((c) => (
              <li key={c.id} class={c.id === current ? 'current' : ''}>
                <button type="button" class="link" onClick={() => void open(c.id)}>
                  {c.title}
                </button>{' '}
                <span class="muted">{timeAgo(c.updated_at)}</span>{' '}
                <button type="button" class="link danger" onClick={() => void remove(c.id)}>
                  Delete<span class="visually-hidden"> {c.title}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </aside>
      <section class="thread" aria-label="Conversation">
        <h1>Chat</h1>
        <div class="messages" aria-live="polite">
          {messages.length === 0 && <p class="muted">Ask about prices, news, arbitrage or clans.</p>}
          {messages.map((m, i) => (
            <MessageView key={`${m.id}-${i}`} message={m} />
          ))}
        </div>
        <ErrorNote error={error} />
        <form class="stack" onSubmit={onSubmit}>
          <label for="message">Message</label>
          <textarea
            id="message"
            ref={box}
            rows={3}
            maxLength={settings.chatMaxMessageChars}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) onSubmit(e);
            }}
          />
          <button type="submit" disabled={busy}>
            {busy ? 'Answering…' : 'Send'}
          </button>
        </form>
      </section>
    </div>
  );
}

function SignInFirst() {
  return (
    <section class="narrow">
      <h1>Chat</h1>
      <p>
        The chat answers signed-in users. <a href="/login?next=/chat">Sign in</a> to start a conversation.
      </p>
    </section>
  );
}

mount(sessionToken() ? <Chat /> : <SignInFirst />);
