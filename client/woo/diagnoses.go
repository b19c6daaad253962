package woo

import (
	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/wpadmin"
)

// The WooCommerce checks' rows: the store, its API and the key.
const (
	ClockWrong         diagnosis.Code = "clock_wrong"
	NotWordPress       diagnosis.Code = "not_wordpress"
	RESTBlocked        diagnosis.Code = "rest_blocked"
	WooCommerceMissing diagnosis.Code = "woocommerce_missing"
	WooRESTMissing     diagnosis.Code = "wc_rest_missing"
	PlainPermalinks    diagnosis.Code = "plain_permalinks"
	PlainHTTP          diagnosis.Code = "plain_http"
	HTTPSNotDetected   diagnosis.Code = "https_not_detected"
	AuthHeaderStripped diagnosis.Code = "auth_header_stripped"
	StoreMoved         diagnosis.Code = "store_moved"
	RateLimited        diagnosis.Code = "rate_limited"
	Maintenance        diagnosis.Code = "maintenance"
	ServerError        diagnosis.Code = "server_error"
	KeyFormat          diagnosis.Code = "key_format"
	KeyUnknown         diagnosis.Code = "key_unknown"
	WrongSecret        diagnosis.Code = "wrong_secret"
	KeySecretSwapped   diagnosis.Code = "key_secret_swapped"
	KeyReadOnly        diagnosis.Code = "key_read_only"
	KeyWriteOnly       diagnosis.Code = "key_write_only"
	UserLacksRights    diagnosis.Code = "user_lacks_rights"
	MorePermission     diagnosis.Code = "more_permission_than_needed"
	UnexpectedResponse diagnosis.Code = "unexpected_response"
	// The field reports' second round.
	CertChainIncomplete diagnosis.Code = "cert_chain_incomplete"
	WriteMethodBlocked  diagnosis.Code = "write_method_blocked"
	BasicAuthPlugin     diagnosis.Code = "basic_auth_plugin"
	RESTRewriteBroken   diagnosis.Code = "rest_rewrite_broken"
	AppPasswordNotKey   diagnosis.Code = "app_password_not_key"
	LanguagePrefix      diagnosis.Code = "language_prefix"
	WCRoutesMissing     diagnosis.Code = "wc_routes_missing"
	APIElsewhere        diagnosis.Code = "api_elsewhere"
	RedirectedAway      diagnosis.Code = "redirected_elsewhere"
	HTTPSRequired       diagnosis.Code = "https_required"
	VisitorsFiltered    diagnosis.Code = "visitors_filtered"
	BotChallenge        diagnosis.Code = "bot_challenge"
	RequestFiltered     diagnosis.Code = "request_filtered"
	SitePassword        diagnosis.Code = "site_password"
	AuthHeaderTaken     diagnosis.Code = "auth_header_taken"
	RESTLoginRequired   diagnosis.Code = "rest_login_required"
	JunkBeforeJSON      diagnosis.Code = "junk_before_json"
	CachedAPI           diagnosis.Code = "cached_api"
	MultisiteSubsite    diagnosis.Code = "multisite_subsite"
	// A redirect from the store's https:// address to http://.
	HTTPSDowngrade diagnosis.Code = "https_downgrade"
)

var diagnoses = []diagnosis.Diagnosis{
	{Code: ClockWrong, Number: 5, Kind: diagnosis.KindReach, Severity: diagnosis.Blocker,
		Title:   "This computer's clock is wrong, so the store refused the signed request.",
		Meaning: "On a store without HTTPS every request carries the time; the store refuses times more than 15 minutes off.",
		Fix:     []string{"Set this computer's date, time and time zone to automatic.", "Click Check again."},
		Offers:  []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: LanguagePrefix, Number: 14, Kind: diagnosis.KindStore, Severity: diagnosis.Warning,
		Title:   "Your store's address includes a language folder.",
		Meaning: "Addresses like mystore.com/en/ are made by translation plugins for visitors; WooCommerce's API answers only at the site's root, so Key Relay tested the root instead.",
		Fix:     []string{"In your sync service, use your store's address without the language folder (shown under “What we saw”).", "If you use WPML, Polylang or TranslatePress, leave its settings as they are: only the address you give the service changes."},
		Offers:  []diagnosis.Offer{diagnosis.OfferContinueAnyway}},
	{Code: WCRoutesMissing, Number: 15, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "WordPress lists WooCommerce's API but can't find its addresses.",
		Meaning: "Your site's address rules (permalinks) are out of date, so WooCommerce's API addresses lead to a “page not found” page. Saving the permalink settings rebuilds them.",
		Fix:     []string{"In WordPress, go to Settings > Permalinks.", "Click Save Changes without changing anything.", "Come back and click Check again."},
		Page:    wpadmin.Permalinks, PageText: "Open Permalink settings",
		Offers: []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: APIElsewhere, Number: 16, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "Your store says its API is at another address.",
		Meaning: "WordPress named a different website as the home of its API. Key Relay sends your key only to the address you typed, never to another one.",
		Fix:     []string{"If the address under “What we saw” is your store too, type that address here and click Check again.", "Otherwise, in WordPress, Settings > General: make both addresses the one your shop opens at."},
		Page:    wpadmin.General, PageText: "Open General settings",
		Offers: []diagnosis.Offer{diagnosis.OfferOtherAddress, diagnosis.OfferCheckAgain}},
	{Code: RedirectedAway, Number: 17, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "This address forwards to another website.",
		Meaning: "The address you typed sends visitors on to a different website. Key Relay stopped before sending your key anywhere.",
		Fix:     []string{"If the website named under “What we saw” is your shop, type its address here and click Check again.", "If it isn't, check the spelling of your store's address."},
		Offers:  []diagnosis.Offer{diagnosis.OfferOtherAddress, diagnosis.OfferCheckAgain}},
	{Code: HTTPSRequired, Number: 18, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "Your sync service connects only to stores that use HTTPS.",
		Meaning: "Your store opens only without HTTPS, and the service sends keys in a way WooCommerce accepts only over HTTPS. The key itself can still be fine.",
		Fix:     []string{"Ask your hosting company to turn on HTTPS (free with Let's Encrypt).", "Then, in WordPress, Settings > General: change both addresses to start with https://, and click Check again."},
		Page:    wpadmin.General, PageText: "Open General settings",
		Offers: []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: VisitorsFiltered, Number: 19, Kind: diagnosis.KindStore, Severity: diagnosis.Warning,
		Title:   "Something in front of your store treats visitors differently.",
		Meaning: "The test passed from this computer, but a firewall or bot check answered part of it. Such filters often let a shop owner's computer through and stop a sync service's servers.",
		Fix:     []string{"If your sync service still can't connect, ask your host (or check Cloudflare's Security settings) to let requests to /wp-json/wc/ through without a challenge.", "Bot Fight Mode in Cloudflare ignores such rules: turn it off if the service is blocked."},
		Offers:  []diagnosis.Offer{diagnosis.OfferContinueAnyway}},
	{Code: NotWordPress, Number: 20, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "This address isn't a WordPress site.",
		Meaning: "The site answered, but it isn't WordPress, so WooCommerce can't be there (or the shop lives at another address).",
		Fix:     []string{"Open your shop in your browser and copy the address of its home page.", "If your shop is in a folder (for example mystore.com/shop), include the folder."},
		Offers:  []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: RESTBlocked, Number: 21, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "Something in front of your store is blocking the connection.",
		Meaning: "A firewall, security plugin, maintenance page or login wall answered instead of WooCommerce, so sync services are blocked too.",
		Fix:     []string{"In WordPress, check security plugins (Wordfence, iThemes, “Disable REST API”…) and allow the REST API (/wp-json/).", "If your host or Cloudflare has a firewall, allow requests to /wp-json/wc/.", "Turn off “coming soon” or password-protection modes, then click Check again."},
		Page:    wpadmin.Plugins, PageText: "Open Plugins",
		Offers: []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: WooCommerceMissing, Number: 22, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "WooCommerce isn't active on this site.",
		Meaning: "This is a WordPress site, but the WooCommerce plugin isn't installed or is switched off.",
		Fix:     []string{"In WordPress, go to Plugins and activate WooCommerce (or install it).", "If your shop runs on another WordPress site, use that site's address."},
		Page:    wpadmin.Plugins, PageText: "Open Plugins",
		Offers: []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: WooRESTMissing, Number: 23, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "WooCommerce's connection for apps (its REST API) isn't available.",
		Meaning: "WooCommerce is there, but its REST API (wc/v3) isn't: WooCommerce is too old, or something switched the API off.",
		Fix:     []string{"Update WooCommerce to the latest version (Dashboard > Updates).", "If it is up to date, check plugins that disable the REST API."},
		Page:    wpadmin.Plugins, PageText: "Open Plugins",
		Offers: []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: PlainPermalinks, Number: 24, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "Your store's permalink setting blocks API keys.",
		Meaning: "With “Plain” permalinks WordPress never checks API keys, so every key looks wrong.",
		Fix:     []string{"In WordPress, go to Settings > Permalinks.", "Choose “Post name” and click Save Changes.", "Come back and click Check again."},
		Page:    wpadmin.Permalinks, PageText: "Open Permalink settings",
		Offers: []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: PlainHTTP, Number: 25, Kind: diagnosis.KindStore, Severity: diagnosis.Warning,
		Title:   "Your store doesn't use HTTPS.",
		Meaning: "Keys still work (Key Relay signs each request, so the secret isn't sent), but everything else your store sends can be read on the way.",
		Fix:     []string{"Ask your hosting company to turn on HTTPS (free with Let's Encrypt).", "Then, in WordPress, Settings > General: change both addresses to start with https://."},
		Page:    wpadmin.General, PageText: "Open General settings",
		Offers: []diagnosis.Offer{diagnosis.OfferContinueAnyway}},
	{Code: HTTPSNotDetected, Number: 26, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "Your store doesn't know it is being visited over HTTPS.",
		Meaning: "A proxy or CDN in front of WordPress handles HTTPS but doesn't tell WordPress, so WooCommerce ignores keys sent the normal way.",
		Fix:     []string{"Ask your hosting company to pass the HTTPS flag to WordPress (the X-Forwarded-Proto header, or $_SERVER['HTTPS'] = 'on' in wp-config.php).", "Then click Check again."},
		Page:    wpadmin.SiteHealth, PageText: "Open Site Health",
		Offers: []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: AuthHeaderStripped, Number: 27, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "Your web host removes the login details that apps send.",
		Meaning: "The server strips the Authorization header before WordPress sees it, so sync services that send keys that way look anonymous. The key itself is fine.",
		Fix:     []string{"Ask your hosting company to allow the Authorization header: “CGIPassAuth on” in Apache, or the HTTP_AUTHORIZATION rewrite rule in .htaccess.", "Then click Check again."},
		Offers:  []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: StoreMoved, Number: 28, Kind: diagnosis.KindStore, Severity: diagnosis.Warning,
		Title:   "Your store answers at a different address.",
		Meaning: "The address you typed forwards to another one. Key Relay uses the new address; your sync service must use it too.",
		Fix:     []string{"Use the new address shown here in your sync service.", "If the store shouldn't move, check Settings > General in WordPress."},
		Page:    wpadmin.General, PageText: "Open General settings",
		Offers: []diagnosis.Offer{diagnosis.OfferContinueAnyway}},
	{Code: RateLimited, Number: 29, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "The store asked us to slow down.",
		Meaning: "The server or a security plugin limits how many requests arrive per minute.",
		Fix:     []string{"Wait for the time shown, then click Check again.", "If sync services are limited too, ask your host to raise the limit for /wp-json/wc/."},
		Offers:  []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: Maintenance, Number: 30, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "Your store is in maintenance mode.",
		Meaning: "WordPress or a maintenance plugin is showing a “briefly unavailable” page, so nothing can connect right now.",
		Fix:     []string{"Wait for updates to finish, or turn off the maintenance plugin.", "Click Check again."},
		Page:    wpadmin.Plugins, PageText: "Open Plugins",
		Offers: []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: ServerError, Number: 31, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "The store had an internal error.",
		Meaning: "The server hit an error while answering (often a plugin conflict or the server running out of memory).",
		Fix:     []string{"Open WooCommerce > Status > Logs in WordPress, or ask your hosting company for the PHP error log.", "Click Check again; if it persists, send the details from “Copy details for support”."},
		Page:    wpadmin.Status, PageText: "Open WooCommerce Status",
		Offers: []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: UnexpectedResponse, Number: 32, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "The store gave an answer we didn't expect.",
		Meaning: "WooCommerce's API answered in a way that doesn't match how WooCommerce works; something on the server changed it.",
		Fix:     []string{"Click Check again.", "If it persists, send the details from “Copy details for support”."},
		Offers:  []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: BotChallenge, Number: 33, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "A bot check in front of your store stops apps.",
		Meaning: "Your host or Cloudflare shows a “checking your browser” challenge. A browser passes it without you noticing; a sync service's servers can't, so they never reach WooCommerce.",
		Fix:     []string{"In Cloudflare, turn off Bot Fight Mode and add a WAF skip rule for the path /wp-json/ (or “I'm Under Attack” mode off).", "On SiteGround or other hosts with a captcha, ask support to turn the bot check off for /wp-json/ or to allow your sync service's servers.", "Click Check again."},
		Offers:  []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: RequestFiltered, Number: 34, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "A security filter on your server rejected the request.",
		Meaning: "A firewall on your server or in WordPress (ModSecurity, Imunify360, Wordfence, Sucuri or similar; the name is below when its page said it) refused the request before WooCommerce saw it, often only for updates. The same rule can block your sync service's requests.",
		Fix:     []string{"Allowlist your sync service in that firewall: in Wordfence, Firewall > All Firewall Options > Allowlisted IP addresses (the service publishes its addresses) or allowlist /wp-json/wc/; for ModSecurity or Imunify360 ask your hosting company (send them the details from “Copy details for support”).", "Click Check again."},
		Offers:  []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: SitePassword, Number: 35, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "Your site is password-protected, so the key can't get through.",
		Meaning: "A site-wide password (from your host or a plugin) uses the same login field that apps use for their key, so the key never reaches WooCommerce.",
		Fix:     []string{"Turn the site password off, or ask your host to lift it for /wp-json/.", "If the site must stay protected (a staging site, say), use a sync service that sends keys in the address instead.", "Click Check again."},
		Page:    wpadmin.Plugins, PageText: "Open Plugins",
		Offers: []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: AuthHeaderTaken, Number: 36, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "Another plugin answers for app logins before WooCommerce can.",
		Meaning: "A plugin (often a JWT or single sign-on plugin) claims every login that apps send and refuses WooCommerce keys. The key itself is fine.",
		Fix:     []string{"In that plugin's settings, allow the WooCommerce API (wc/v3) or turn the plugin off.", "Click Check again."},
		Page:    wpadmin.Plugins, PageText: "Open Plugins",
		Offers: []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: RESTLoginRequired, Number: 37, Kind: diagnosis.KindStore, Severity: diagnosis.Warning,
		Title:   "A plugin limits your store's API to logged-in users.",
		Meaning: "A security or “Disable REST API” plugin turns visitors away from the API. A valid key counts as logged in, so keys still work, but anything a service does before using the key is refused.",
		Fix:     []string{"If your sync service can't connect, allow the WooCommerce API (wc/v3) in that plugin's settings."},
		Page:    wpadmin.Plugins, PageText: "Open Plugins",
		Offers: []diagnosis.Offer{diagnosis.OfferContinueAnyway}},
	{Code: JunkBeforeJSON, Number: 38, Kind: diagnosis.KindStore, Severity: diagnosis.Warning,
		Title:   "Your store adds stray characters before its answers.",
		Meaning: "Something on the site (a file saved with a byte-order mark, a blank line in a theme or plugin, or PHP warnings shown on screen) puts text before every answer. Key Relay reads past it, but sync services may fail with “Syntax error”.",
		Fix:     []string{"Ask your developer or host to look for a BOM or blank lines before <?php in wp-config.php, the theme's functions.php and recently changed plugins.", "Turn off “display errors” in PHP (WP_DEBUG_DISPLAY false)."},
		Offers:  []diagnosis.Offer{diagnosis.OfferContinueAnyway}},
	{Code: CachedAPI, Number: 39, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "A cache is answering for your store's API.",
		Meaning: "A caching plugin, your host or a CDN keeps copies of API answers and hands them out regardless of the key, so a sync service can get stale answers or someone else's.",
		Fix:     []string{"Exclude /wp-json/ from caching: in LiteSpeed Cache turn off “Cache REST API” (LiteSpeed Cache > Cache > Cache REST API); in W3 Total Cache or your CDN add /wp-json/* to the pages never cached.", "If WooCommerce's own REST API caching is on (WooCommerce > Settings > Advanced > Features), turn it off.", "Purge the cache, then click Check again."},
		Page:    wpadmin.Plugins, PageText: "Open Plugins",
		Offers: []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: KeyFormat, Number: 40, Kind: diagnosis.KindKey, Severity: diagnosis.Blocker,
		Title:   "That isn't a complete WooCommerce key.",
		Meaning: "The value pasted can't be a working key: see the message next to it.",
		Fix:     []string{"Copy the key and secret again with WooCommerce's Copy buttons, right after Generate API key.", "If that page is gone, make a new key: the secret is only shown once."},
		Page:    wpadmin.AddKey, PageText: "Open Add key page",
		Offers: []diagnosis.Offer{diagnosis.OfferNewKey, diagnosis.OfferCheckAgain}},
	{Code: KeyUnknown, Number: 41, Kind: diagnosis.KindKey, Severity: diagnosis.Blocker,
		Title:   "The store doesn't know this key: it was revoked, deleted or belongs to another store.",
		Meaning: "No key with this ending exists on this store any more.",
		Fix:     []string{"Make a new key: WooCommerce > Settings > Advanced > REST API > Add key.", "Copy the new key and secret into Key Relay.", "If the key's WordPress user was deleted, its keys went with it: make the new key under a user who stays, e.g. a dedicated shop-manager user."},
		Page:    wpadmin.AddKey, PageText: "Open Add key page",
		Offers: []diagnosis.Offer{diagnosis.OfferNewKey, diagnosis.OfferCheckAgain}},
	{Code: WrongSecret, Number: 42, Kind: diagnosis.KindKey, Severity: diagnosis.Blocker,
		Title:   "The key is right but the secret doesn't match it.",
		Meaning: "The secret belongs to another key, or it was mistyped or cut short.",
		Fix:     []string{"If the page that showed the new key is still open, copy the secret again with its Copy button.", "Otherwise make a new key: the secret can't be shown again."},
		Page:    wpadmin.AddKey, PageText: "Open Add key page",
		Offers: []diagnosis.Offer{diagnosis.OfferNewKey, diagnosis.OfferCheckAgain}},
	{Code: KeySecretSwapped, Number: 43, Kind: diagnosis.KindKey, Severity: diagnosis.Blocker,
		Title:   "The key and the secret were swapped.",
		Meaning: "The consumer key starts with ck_ and the secret with cs_; they were entered the other way round.",
		Fix:     []string{"Put the value starting with ck_ in the key field and the one starting with cs_ in the secret field."},
		Offers:  []diagnosis.Offer{diagnosis.OfferNewKey, diagnosis.OfferCheckAgain}},
	{Code: KeyReadOnly, Number: 44, Kind: diagnosis.KindKey, Severity: diagnosis.Blocker,
		Title:   "This key can only read, but your sync service also needs to write.",
		Meaning: "The key was made with Read permission, so the service could see products but not update stock or orders.",
		Fix:     []string{"In WordPress, open WooCommerce > Settings > Advanced > REST API and click this key's description to edit it.", "Set Permissions to Read/Write and click Save changes. The key and secret stay the same.", "Click Check again."},
		Page:    wpadmin.Keys, PageText: "Open the keys list",
		Offers: []diagnosis.Offer{diagnosis.OfferFixInPlace, diagnosis.OfferCheckAgain}},
	{Code: KeyWriteOnly, Number: 45, Kind: diagnosis.KindKey, Severity: diagnosis.Blocker,
		Title:   "This key can only write, but your sync service also needs to read.",
		Meaning: "The key was made with Write permission only.",
		Fix:     []string{"In WordPress, open WooCommerce > Settings > Advanced > REST API and click this key's description to edit it.", "Set Permissions to Read/Write and click Save changes. The key and secret stay the same.", "Click Check again."},
		Page:    wpadmin.Keys, PageText: "Open the keys list",
		Offers: []diagnosis.Offer{diagnosis.OfferFixInPlace, diagnosis.OfferCheckAgain}},
	{Code: UserLacksRights, Number: 46, Kind: diagnosis.KindKey, Severity: diagnosis.Blocker,
		Title:   "The key belongs to a user who isn't allowed to manage the shop.",
		Meaning: "Keys act as the WordPress user chosen when they were made; this user (for example a Customer, or a user whose role was changed since) can no longer manage the shop's products.",
		Fix:     []string{"Make a new key and choose your administrator account as the User.", "Or give this user the Administrator or Shop manager role (Users in WordPress)."},
		Page:    wpadmin.AddKey, PageText: "Open Add key page",
		Offers: []diagnosis.Offer{diagnosis.OfferNewKey, diagnosis.OfferCheckAgain}},
	{Code: MorePermission, Number: 47, Kind: diagnosis.KindKey, Severity: diagnosis.Warning,
		Title:   "This key has more permission than your sync service needs.",
		Meaning: "It works, but a key that can only do what the service needs is safer.",
		Fix:     []string{"In WordPress, edit the key under WooCommerce > Settings > Advanced > REST API and choose the permission your service asks for."},
		Page:    wpadmin.Keys, PageText: "Open the keys list",
		Offers: []diagnosis.Offer{diagnosis.OfferContinueAnyway}},
	{Code: MultisiteSubsite, Number: 48, Kind: diagnosis.KindKey, Severity: diagnosis.Blocker,
		Title:   "This key was made on another site of your WordPress network.",
		Meaning: "Your WordPress runs several sites, and each keeps its own keys. The key belongs to a different site of the network than the address you gave.",
		Fix:     []string{"Open the Add key page of the site your sync service uses (the address you typed here) and make the key there.", "Or give your sync service the address of the site where the key was made."},
		Page:    wpadmin.AddKey, PageText: "Open Add key page",
		Offers: []diagnosis.Offer{diagnosis.OfferNewKey, diagnosis.OfferCheckAgain}},
	{Code: HTTPSDowngrade, Number: 68, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "Your store forwards its secure (https://) address to an insecure (http://) one.",
		Meaning: "The store's https:// address sends visitors on to http://, without the padlock. Anything sent there can be read on the way, so Key Relay stopped before sending your key.",
		Fix:     []string{"In WordPress, open Settings > General and make WordPress Address and Site Address both start with https://.", "If they already do, ask your hosting company which plugin or server rule forwards to http://, then click Check again."},
		Page:    wpadmin.General, PageText: "Open General settings",
		Offers: []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: CertChainIncomplete, Number: 70, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "The store's security certificate is missing a piece (its intermediate certificate).",
		Meaning: "Your server sends its certificate without the intermediate certificate that links it to a trusted authority. Browsers fetch the missing piece by themselves, so your shop shows a padlock; sync services' servers don't, and refuse to connect.",
		Fix:     []string{"Ask your hosting company to install the full certificate chain (the “intermediate” or “CA bundle” certificate) with your SSL certificate.", "Click Check again once they have: nothing changes in WordPress or in your key."},
		Offers:  []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: WriteMethodBlocked, Number: 71, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "A firewall refuses updates sent the way your sync service sends them.",
		Meaning: "Reading works, and an empty test update sent as POST is accepted, but the same empty update sent as PUT (how this service changes stock and prices) is refused by a firewall before WooCommerce sees it. Your key is fine; the service's updates will fail.",
		Fix:     []string{"In All-In-One WP Security: Firewall > 6G Blacklist Firewall Rules, turn the 6G rules off (they block PUT), or in the other firewall named below allow PUT and PATCH for /wp-json/wc/.", "If it is your host's ModSecurity, ask them to allow PUT, PATCH and DELETE for /wp-json/wc/, then click Check again."},
		Page:    wpadmin.Plugins, PageText: "Open Plugins",
		Offers: []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: BasicAuthPlugin, Number: 72, Kind: diagnosis.KindStore, Severity: diagnosis.Warning,
		Title:   "A login plugin in your store answers for keys WooCommerce doesn't know.",
		Meaning: "A plugin that lets apps log in to WordPress with a user name and password (JSON Basic Authentication, or Application Passwords used that way) answers every key WooCommerce doesn't recognise with “invalid_username”. A good key isn't affected, but a service's error will say “invalid username” rather than that the key is wrong.",
		Fix:     []string{"Give the service the right key (see the other message).", "If nothing in your store needs that plugin, deactivate it in Plugins."},
		Page:    wpadmin.Plugins, PageText: "Open Plugins",
		Offers: []diagnosis.Offer{diagnosis.OfferContinueAnyway}},
	{Code: RESTRewriteBroken, Number: 73, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "Your store's /wp-json/ address shows a page-not-found, though its API works.",
		Meaning: "WordPress's API answers at ?rest_route=/ but not at /wp-json/, the address every sync service calls: WordPress's rewrite rules are broken (often after a move, a restore or a plugin change).",
		Fix:     []string{"In WordPress, open Settings > Permalinks and click Save Changes without changing anything: that rebuilds the rules.", "If /wp-json/ still fails, ask your host to allow .htaccess rules (Apache's mod_rewrite) or to add WordPress's nginx rules, then click Check again."},
		Page:    wpadmin.Permalinks, PageText: "Open Permalink settings",
		Offers: []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: AppPasswordNotKey, Number: 74, Kind: diagnosis.KindKey, Severity: diagnosis.Blocker,
		Title:   "That is a WordPress application password, not a WooCommerce key.",
		Meaning: "A user name with a password in six groups of four characters is an Application Password from a WordPress profile. It logs in as that user to all of WordPress; a sync service needs a WooCommerce REST API key (ck_… and cs_…), which opens only the shop and can be revoked on its own. Nothing was sent.",
		Fix:     []string{"If you made that application password for this service, revoke it: Users > Profile > Application Passwords.", "Make a WooCommerce key instead: WooCommerce > Settings > Advanced > REST API > Add key."},
		Page:    wpadmin.AddKey, PageText: "Open Add key page",
		Offers: []diagnosis.Offer{diagnosis.OfferNewKey}},
}

func init() { diagnosis.Register(diagnoses...) }
