// The pages' one way to the service: the signed-in session, API requests with its token, the API's own error
// messages, live streams that reconnect by themselves, and a small DOM builder (text only: no page ever puts
// data into HTML markup).

const STAFF_KEY = 'clinic.staff';
const HOMES = { admin: '/admin', reception: '/desk', doctor: '/room', display: '/display' };

/** An answer other than 2xx, with the API's message; status 0 when the service could not be reached. */
export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details || {};
  }

  /** The message, with each bad field's problem for invalid input, as a person at the desk should read it. */
  get text() {
    if (this.status !== 400) return this.message;
    const fields = Object.entries(this.details)
      .filter(([, problem]) => typeof problem === 'string')
      .map(([field, problem]) => `${field.replaceAll('_', ' ')}: ${problem}`);
    return fields.length ? `${this.message} (${fields.join('; ')})` : this.message;
  }
}

/** Calls the API; answers the parsed body (null for 204), throws ApiError otherwise. */
export async function call(token, method, path, body) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'Offline', 'The service cannot be reached. Check the connection and try again.');
  }
  if (response.status === 204) return null;
  const payload = await response.json().catch(() => null);
  if (response.ok) return payload;
  if (payload && payload.message) throw new ApiError(response.status, payload.error, payload.message, payload.details);
  throw new ApiError(response.status, 'Unexpected', `The service answered ${response.status}. Try again.`);
}

/** Where a role works. */
export function homeOf(role) {
  return HOMES[role] || '/login';
}

/** The staff member signed in in this tab, or null; kept for the tab's session only. */
export function staffSession() {
  const raw = sessionStorage.getItem(STAFF_KEY);
  if (!raw) return null;
  const session = JSON.parse(raw);
  if (Date.now() >= session.expiresAt) {
    sessionStorage.removeItem(STAFF_KEY);
    return null;
  }
  return session;
}

/** Signs in with a username and password; answers the session. */
export async function signIn(username, password) {
  const login = await call(null, 'POST', '/api/v1/auth/login', { username, password });
  const me = await call(login.access_token, 'GET', '/api/v1/auth/me');
  const session = {
    token: login.access_token,
    role: me.role,
    name: me.name,
    doctorId: me.doctor_id,
    expiresAt: Date.now() + login.expires_in * 1000,
  };
  sessionStorage.setItem(STAFF_KEY, JSON.stringify(session));
  return session;
}

/** Leaves for the sign-in page, saying why. */
export function endSession(reason) {
  sessionStorage.removeItem(STAFF_KEY);
  location.replace(reason ? `/login?reason=${reason}` : '/login');
}

/**
 * The page's staff session, for one of {@code roles}: without one the tab goes to sign in, with another role to
 * that role's page (and the page's script goes no further). Answers an API caller that ends the session when the
 * token stops working (expired, idle, revoked: 401), and wires the page's sign-out button.
 */
export async function staffPage(roles) {
  const session = staffSession();
  if (!session || !roles.includes(session.role)) {
    if (session) location.replace(homeOf(session.role));
    else endSession();
    return new Promise(() => {}); // the page is being left
  }
  setTimeout(() => endSession('expired'), session.expiresAt - Date.now());
  const api = async (method, path, body) => {
    try {
      return await call(session.token, method, path, body);
    } catch (error) {
      if (error.status === 401) endSession('expired');
      throw error;
    }
  };
  const who = document.getElementById('who');
  if (who) who.textContent = `${session.name} (${session.role})`;
  const signOutButton = document.getElementById('sign-out');
  if (signOutButton) {
    signOutButton.addEventListener('click', async () => {
      signOutButton.disabled = true;
      await call(session.token, 'POST', '/api/v1/auth/logout').catch(() => {});
      endSession('signed_out');
    });
  }
  return { session, api };
}

/**
 * Follows a Server-Sent Events route: {@code onData} gets each event's data (snapshot or update, both the whole
 * state), {@code onState} the connection's state for the page to show. The browser resumes a dropped stream by
 * itself; a stream the service refused (a restart's 503, a full limit) is opened again with a growing pause, and
 * {@code onRefused} hears when the token itself no longer works.
 */
export function follow(path, params, token, { onData, onState, onRefused }) {
  const query = new URLSearchParams({ ...params, access_token: token });
  let source = null;
  let pause = 1000;
  let timer = null;
  let stopped = false;

  const open = () => {
    onState('connecting');
    source = new EventSource(`${path}?${query}`);
    source.onopen = () => {
      pause = 1000;
      onState('live');
    };
    source.onmessage = (event) => {
      const message = JSON.parse(event.data);
      onData(message.data, message.type);
    };
    source.onerror = async () => {
      if (stopped) return;
      if (source.readyState !== EventSource.CLOSED) {
        onState('reconnecting');
        return;
      }
      onState('offline');
      try {
        await call(token, 'GET', '/api/v1/auth/me');
      } catch (error) {
        if (error.status === 401) {
          onRefused();
          return;
        }
      }
      timer = setTimeout(open, pause);
      pause = Math.min(pause * 2, 15000);
    };
  };
  open();
  return {
    close() {
      stopped = true;
      clearTimeout(timer);
      if (source) source.close();
    },
  };
}

const STATE_WORDS = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', offline: 'Offline, retrying…' };

/** Shows a stream's state in a status element. */
export function showState(element, state) {
  element.dataset.state = state;
  element.textContent = STATE_WORDS[state];
}

/** The clinic's today, as the service counts it (its time zone, not this computer's). */
export async function clinicToday(token) {
  const board = await call(token, 'GET', '/api/v1/display/board');
  return board.date;
}

/** Builds an element: attributes (on* are listeners), then children (strings become text). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, value);
  }
  element.append(...children.flat().filter((child) => child !== null && child !== undefined));
  return element;
}

/** Puts a message where the page shows the outcome of the last action. */
export function say(element, text, kind = 'ok') {
  element.dataset.kind = kind;
  element.textContent = text;
}

/**
 * Runs an action from a button: disabled while it runs (a double click acts once), its refusal shown; then
 * {@code settle}, where a page decides again which of its buttons may be used.
 */
export async function act(button, messageElement, action, settle) {
  if (button.disabled) return;
  button.disabled = true;
  try {
    const done = await action();
    if (typeof done === 'string') say(messageElement, done, 'ok');
  } catch (error) {
    say(messageElement, error instanceof ApiError ? error.text : String(error.message || error), 'error');
  } finally {
    button.disabled = false;
    if (settle) settle();
  }
}

/**
 * Asks in a modal dialog: a question, and the {@code fields} (labelled inputs) it needs, if any. Answers the
 * form's values by field name on {@code confirmWord}, null on "Back" or Escape.
 */
export function ask(question, confirmWord, fields = []) {
  const form = h(
    'form',
    { method: 'dialog', class: 'stack' },
    ...fields,
    h('menu', {}, h('button', { value: 'no', class: 'quiet', formnovalidate: true }, 'Back'), h('button', { value: 'yes' }, confirmWord)),
  );
  const dialog = h('dialog', { 'aria-labelledby': 'dialog-question' }, h('p', { id: 'dialog-question' }, question), form);
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'yes' ? Object.fromEntries(new FormData(form)) : null);
      dialog.remove();
    });
    dialog.showModal();
  });
}

/** A table of text or elements, with column headings. */
export function table(headings, rows) {
  return h(
    'table',
    {},
    h('thead', {}, h('tr', {}, ...headings.map((heading) => h('th', { scope: 'col' }, heading)))),
    h('tbody', {}, ...rows.map((cells) => h('tr', {}, ...cells.map((cell) => h('td', {}, cell))))),
  );
}

const DISPLAY_KEY = 'clinic.display.token';

/**
 * A waiting-room screen's token: set up once from the link an admin opens on the screen ({@code #token=…}, a
 * fragment, which never travels to the service or its logs), then kept by the screen across restarts.
 */
export function displayToken() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.has('token')) {
    localStorage.setItem(DISPLAY_KEY, fragment.get('token'));
    history.replaceState(null, '', location.pathname + location.search);
  }
  return localStorage.getItem(DISPLAY_KEY);
}

/** Forgets a screen's token that the service no longer takes. */
export function forgetDisplayToken() {
  localStorage.removeItem(DISPLAY_KEY);
}

/** A key for one booking attempt, so that a retry after a lost answer books once (crypto.randomUUID needs https). */
export function idempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** "3 Dec" for 2026-12-03, in the browser's language. */
export function dayName(isoDate) {
  return new Date(`${isoDate}T00:00:00`).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}
