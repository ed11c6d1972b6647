/**
 * electron-builder `msiProjectCreated` hook: adds the AUTOUPDATE property to
 * the MSI. MSI installs do not update themselves (the updater would fetch the
 * NSIS installer over an MSI-managed install), so AUTOUPDATE defaults to 0,
 * which writes the machine policy value
 * HKLM\Software\Policies\GwsSecurePause\autoUpdate = 0 (DWORD) — the same
 * value Group Policy sets. `msiexec /i GwsSecurePause.msi AUTOUPDATE=1` leaves
 * it unset (then IT's own policy decides).
 *
 * CommonJS because electron-builder `require`s it. Pure text edit of the .wxs,
 * tested in test/packaging/msi-project.test.ts; building the MSI needs WiX on
 * Windows and is not done on our build machines.
 */
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');

const COMPONENT = `
    <Property Id="AUTOUPDATE" Secure="yes" Value="0"/>
    <DirectoryRef Id="APPLICATIONFOLDER">
      <Component Id="GwsAutoUpdatePolicy" Guid="6A1C3B52-2F0D-4C8E-9A77-5E4B1D0C9F21">
        <Condition><![CDATA[AUTOUPDATE = "0"]]></Condition>
        <RegistryValue Root="HKLM" Key="Software\\Policies\\GwsSecurePause" Name="autoUpdate" Type="integer" Value="0" KeyPath="yes"/>
      </Component>
    </DirectoryRef>
`;

/** The .wxs text with the AUTOUPDATE property and its policy component. */
function addAutoUpdateProperty(wxs) {
  if (wxs.includes('GwsAutoUpdatePolicy')) return wxs;
  const feature = '<ComponentGroupRef Id="ProductComponents"/>';
  if (!wxs.includes(feature) || !wxs.includes('</Product>')) {
    throw new Error('msi-project-created: the WiX template changed; AUTOUPDATE cannot be added');
  }
  return wxs
    .replace(feature, `${feature}\n      <ComponentRef Id="GwsAutoUpdatePolicy"/>`)
    .replace('</Product>', `${COMPONENT}  </Product>`);
}

module.exports = async function msiProjectCreated(path) {
  writeFileSync(path, addAutoUpdateProperty(readFileSync(path, 'utf8')));
};
module.exports.addAutoUpdateProperty = addAutoUpdateProperty;
