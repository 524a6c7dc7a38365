// Drives node-mautic (unchanged, from npm) against LeadStream, one step per argument; prints what
// each step answered as one JSON line. The Java test checks the answers and their effects.
const MauticConnector = require('node-mautic');

const mautic = new MauticConnector({
    apiUrl: process.env.MAUTIC_URL,
    username: process.env.MAUTIC_USER,
    password: process.env.MAUTIC_PASSWORD,
    timeoutInSeconds: 30,
});
const email = process.env.CONTACT_EMAIL;
let contactId = process.env.CONTACT_ID ? Number(process.env.CONTACT_ID) : null;

async function byAlias(list, key, alias) {
    const found = Object.values(list[key]).find(item => item.alias === alias);
    if (!found) {
        throw new Error('no ' + key + ' with alias ' + alias + ' in ' + JSON.stringify(list));
    }
    return found.id;
}

const steps = {
    create: async () => {
        const reply = await mautic.contacts.createContact({email: email, firstname: 'Ada', tags: ['vip']});
        contactId = reply.contact.id;
        return {id: contactId, idType: typeof contactId, firstname: reply.contact.fields.all.firstname};
    },
    search: async () => {
        const reply = await mautic.contacts.getContactByEmailAddress(email);
        return {total: reply.total, ids: Object.keys(reply.contacts).map(Number)};
    },
    edit: async () => {
        const reply = await mautic.contacts.editContact('PATCH', {lastname: 'Lovelace', city: 'London'}, contactId);
        return {lastname: reply.contact.fields.all.lastname, city: reply.contact.fields.all.city, firstname: reply.contact.fields.all.firstname};
    },
    segment: async () => {
        const segmentId = await byAlias(await mautic.segments.listSegments(), 'lists', 'customers');
        return {segmentId: segmentId, reply: await mautic.segments.addContactToSegment(segmentId, contactId)};
    },
    points: async () => {
        await mautic.contacts.addPoints(contactId, null, 15);
        const reply = await mautic.contacts.getContact(contactId);
        return {points: reply.contact.points};
    },
    dnc: async () => {
        const set = await mautic.contacts.addDoNotContact(contactId, 'email', 3, null, 'asked by phone');
        const cleared = await mautic.contacts.removeDoNotContact(contactId, 'email');
        return {whenSet: set.contact.doNotContact.map(d => d.channel), whenCleared: cleared.contact.doNotContact.length};
    },
    send: async () => {
        const emailId = await byAlias(await mautic.emails.listEmails(), 'emails', 'hello');
        return {emailId: emailId, reply: await mautic.emails.sendEmailToContact(emailId, contactId)};
    },
    segmentSend: async () => {
        const emailId = await byAlias(await mautic.emails.listEmails(), 'emails', 'news');
        return {emailId: emailId, reply: await mautic.emails.sendEmailToSegment(emailId)};
    },
    campaign: async () => {
        const campaignId = await byAlias(await mautic.campaigns.listCampaigns(), 'campaigns', 'welcome');
        return {campaignId: campaignId, reply: await mautic.campaigns.addContactToCampaign(campaignId, contactId)};
    },
    submissions: async () => {
        const formId = await byAlias(await mautic.forms.listForms(), 'forms', 'signup');
        const reply = await mautic.forms.listFormSubmissions(formId);
        return {total: reply.total, leads: reply.submissions.map(s => s.lead.id), results: reply.submissions.map(s => s.results)};
    },
    memberships: async () => {
        const segments = await mautic.contacts.getSegmentMemberships(contactId);
        const campaigns = await mautic.contacts.getCampaignMemberships(contactId);
        return {segments: Object.values(segments.lists).map(s => s.alias), campaigns: Object.values(campaigns.campaigns).map(c => c.alias)};
    },
};

(async () => {
    const out = {};
    for (const step of process.argv.slice(2)) {
        out[step] = await steps[step]();
    }
    console.log(JSON.stringify(out));
})().catch(error => {
    console.error(error.stack || String(error));
    process.exit(1);
});
