import { displayToken, homeOf, staffSession } from '/app/api.js';

// A signed-in tab goes to its role's page; a set-up screen to the display; anyone else to sign in.
const session = staffSession();
location.replace(session ? homeOf(session.role) : displayToken() ? '/display' : '/login');
