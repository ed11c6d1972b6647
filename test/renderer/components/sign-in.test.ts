import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import SignIn from '../../../renderer/src/components/sign-in.svelte';
import { createFakeApi, makeSettings, makeView } from '../helpers/fake-api.ts';

const signedOut = makeView({
  status: 'signed-out',
  connection: 'signed-out',
  session: { phase: 'signed-out', demo: false },
  calls: [],
  statusCallId: undefined,
  targetCallId: undefined,
});

describe('sign-in', () => {
  it('has the labelled fields and button of the accessibility contract', () => {
    render(SignIn, { api: createFakeApi(signedOut), view: signedOut, settings: makeSettings() });
    expect(screen.getByLabelText('Server')).toBeTruthy();
    expect(screen.getByLabelText('Username')).toBeTruthy();
    expect(screen.getByLabelText('Password')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try the demo' })).toBeTruthy();
  });

  it('sends the form and words a wrong password', async () => {
    const api = createFakeApi(signedOut);
    api.signInResult = { ok: false, code: 'bad-credentials', message: 'HTTP 401' };
    render(SignIn, { api, view: signedOut, settings: makeSettings() });
    await fireEvent.input(screen.getByLabelText('Server'), { target: { value: 'https://gws.example.com' } });
    await fireEvent.input(screen.getByLabelText('Username'), { target: { value: 'jdoe' } });
    await fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'nope' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/Wrong user name or password/));
    expect(api.signIns).toEqual([
      {
        serverUrl: 'https://gws.example.com',
        username: 'jdoe',
        password: 'nope',
        rememberPassword: false,
        transport: 'auto',
      },
    ]);
  });

  it('asks for missing fields without sending anything', async () => {
    const api = createFakeApi(signedOut);
    render(SignIn, { api, view: signedOut, settings: makeSettings() });
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('alert').textContent).toMatch(/Fill in the server/);
    expect(api.signIns).toHaveLength(0);
  });

  it('shows IT-locked settings read-only, prefilled', () => {
    const settings = makeSettings({ locked: ['serverUrl'] });
    settings.values.serverUrl = 'https://gws.corp.example';
    render(SignIn, { api: createFakeApi(signedOut), view: signedOut, settings });
    const server = screen.getByLabelText('Server') as HTMLInputElement;
    expect(server.value).toBe('https://gws.corp.example');
    expect(server.readOnly).toBe(true);
    expect((screen.getByLabelText('Username') as HTMLInputElement).readOnly).toBe(false);
  });
});
