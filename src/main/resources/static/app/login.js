import { ApiError, homeOf, say, signIn, staffSession } from '/app/api.js';

const REASONS = {
  expired: 'Your session ended. Sign in again.',
  signed_out: 'Signed out.',
};

const existing = staffSession();
if (existing) location.replace(homeOf(existing.role));

const reason = new URLSearchParams(location.search).get('reason');
if (REASONS[reason]) say(document.getElementById('reason'), REASONS[reason], reason === 'expired' ? 'error' : 'ok');

const form = document.getElementById('login');
const message = document.getElementById('message');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = form.querySelector('button');
  button.disabled = true;
  try {
    const session = await signIn(form.username.value.trim(), form.password.value);
    location.replace(homeOf(session.role));
  } catch (error) {
    say(message, error instanceof ApiError ? error.text : String(error), 'error');
    form.password.value = '';
    form.password.focus();
  } finally {
    button.disabled = false;
  }
});
