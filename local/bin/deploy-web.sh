#!/usr/bin/env bash
# Uploads the web app (web/) to a stack deployed with WebHosting=Enabled:
#   local/bin/deploy-web.sh <stack name>        (or: make deploy-web STACK=<stack name>)
# Reads the stack's outputs with the aws CLI, writes config.json (API URL and Cognito sign-in settings) into a temporary
# copy of web/, syncs that copy to the web bucket and invalidates the CloudFront distribution.
# AWS_REGION / AWS_PROFILE choose the account and region as for any aws command. With AuthMode=External the stack has
# no Cognito client: set AUTH_DOMAIN (https://…, the issuer's OAuth domain) and CLIENT_ID for config.json.
set -euo pipefail

die() { echo "deploy-web: $*" >&2; exit 1; }

[ $# -eq 1 ] && [ -n "$1" ] || die "usage: $0 <stack name>"
STACK=$1
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WEB_DIR=${WEB_DIR:-$ROOT/web}
[ -f "$WEB_DIR/index.html" ] || die "no web app at $WEB_DIR (index.html missing)"
command -v aws >/dev/null || die "the aws CLI is not installed"

# Every output as "Key<TAB>Value" lines.
outputs=$(aws cloudformation describe-stacks --stack-name "$STACK" \
  --query 'Stacks[0].Outputs[].[OutputKey,OutputValue]' --output text) || die "cannot read the outputs of stack $STACK"
output() { printf '%s\n' "$outputs" | awk -F '\t' -v key="$1" '$1 == key { print $2; exit }'; }

API_URL=$(output ApiUrl)
WEB_URL=$(output WebUrl)
BUCKET=$(output WebBucketName)
DISTRIBUTION=$(output WebDistributionId)
CLIENT_ID=${CLIENT_ID:-$(output UserPoolClientId)}
AUTH_DOMAIN=${AUTH_DOMAIN:-$(output CognitoDomain)}

[ -n "$API_URL" ] || die "stack $STACK has no ApiUrl output: is it an Atelier stack?"
[ -n "$BUCKET" ] && [ -n "$DISTRIBUTION" ] && [ -n "$WEB_URL" ] \
  || die "stack $STACK does not host the web app: deploy it with --parameter-overrides WebHosting=Enabled"
[ -n "$CLIENT_ID" ] || die "stack $STACK has no Cognito client (AuthMode=External?): set CLIENT_ID and AUTH_DOMAIN"
[ -n "$AUTH_DOMAIN" ] || die "stack $STACK has no hosted sign-in domain: deploy it with CognitoDomainPrefix=<prefix>, or set AUTH_DOMAIN"

# The values go into JSON unescaped: accept only what URLs and ids are made of.
for value in "$API_URL" "$WEB_URL" "$CLIENT_ID" "$AUTH_DOMAIN"; do
  [[ $value =~ ^[A-Za-z0-9:/._~-]+$ ]] || die "unexpected characters in stack output '$value'"
done
[[ $AUTH_DOMAIN == https://* ]] || die "AUTH_DOMAIN must be an https:// URL"

STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
cp -R "$WEB_DIR"/. "$STAGE"/
# Development-only files stay behind.
rm -rf "$STAGE/node_modules" "$STAGE/test" "$STAGE/tests" "$STAGE/package.json" "$STAGE/package-lock.json"
find "$STAGE" -mindepth 1 -name '.*' -prune -exec rm -rf {} +

cat > "$STAGE/config.json" <<EOF
{
  "apiUrl": "${API_URL%/}",
  "auth": {
    "mode": "cognito",
    "domain": "${AUTH_DOMAIN%/}",
    "clientId": "$CLIENT_ID",
    "redirectUri": "$WEB_URL",
    "scopes": ["openid", "email"]
  }
}
EOF
echo "deploy-web: config.json for $WEB_URL:"
cat "$STAGE/config.json"

# Browsers revalidate every file (max-age=0: cheap 304s, never a stale mix of modules); CloudFront keeps them for a
# day (s-maxage) until the invalidation below.
aws s3 sync "$STAGE" "s3://$BUCKET/" --delete --only-show-errors \
  --cache-control "public, max-age=0, s-maxage=86400"
aws cloudfront create-invalidation --distribution-id "$DISTRIBUTION" --paths '/*' \
  --query 'Invalidation.Id' --output text >/dev/null
echo "deploy-web: uploaded to s3://$BUCKET and invalidated $DISTRIBUTION; the app is at $WEB_URL"
