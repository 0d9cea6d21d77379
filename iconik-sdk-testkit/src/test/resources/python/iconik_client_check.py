#!/usr/bin/env python3
"""An outside iconik client, written the way the public Python iconik clients are (one session with App-ID and
Auth-Token headers, one base URL per service, the same trailing-slash habits, bodies that leave out defaults, models
that need certain fields), running its usual calls against an iconik. Python 3 standard library only.

    ICONIK_URL=... APP_ID=... AUTH_TOKEN=... STORAGE_ID=... python3 iconik_client_check.py

(the four lines `fake-iconik` prints can be sourced for that; it waits up to JOB_WAIT_SECONDS, default 60, for
iconik's transcode job to finish, so run `fake-iconik --jobs-complete-after SECONDS` with fewer). Prints one line per call; exits 1 naming each call
whose answer is not what iconik documents, 0 when every call was answered as documented.
"""
import json
import os
import sys
import time
import urllib.error
import urllib.request
import uuid


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body
        try:
            self.data = json.loads(body) if body else None
        except ValueError:
            self.data = None


class Iconik:
    """The session: base URL, credentials, JSON in and out, no retries, never following a redirect."""

    def __init__(self, url, app_id, token):
        self.url = url.rstrip("/")
        self.headers = {"App-ID": app_id, "Auth-Token": token, "Accept": "application/json"}
        self.opener = urllib.request.build_opener(NoRedirect())

    def call(self, method, service, path, body=None, params=None, headers=None, raw_url=None, data=None):
        url = raw_url or "%s/API/%s/v1/%s" % (self.url, service, path)
        if params:
            url += "?" + "&".join("%s=%s" % (k, v) for k, v in params.items())
        h = dict(self.headers) if raw_url is None else {}
        h.update(headers or {})
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            h["Content-Type"] = "application/json"
        req = urllib.request.Request(url, data=data, method=method, headers=h)
        try:
            with self.opener.open(req, timeout=30) as r:
                return Response(r.status, dict(r.headers), r.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as e:
            return Response(e.code, dict(e.headers), e.read().decode("utf-8", "replace"))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


problems = []


def expect(what, response, status, fields=()):
    """Checks the status iconik documents and the fields a client model reads."""
    ok = response.status == status
    missing = []
    if ok and fields:
        data = response.data if isinstance(response.data, dict) else {}
        missing = [f for f in fields if data.get(f) is None]
    line = "%-58s %s" % (what, response.status)
    if not ok:
        problems.append("%s: answered %s, iconik documents %s: %s" % (what, response.status, status,
                                                                       response.body[:200]))
        line += "  <-- expected %s" % status
    elif missing:
        problems.append("%s: answer lacks %s" % (what, ", ".join(missing)))
        line += "  <-- lacks %s" % ", ".join(missing)
    print(line)
    return response.data if ok else {}


def objects(what, response):
    data = expect(what, response, 200, ("objects",))
    return data.get("objects") or []


def main():
    env = os.environ
    api = Iconik(env["ICONIK_URL"], env["APP_ID"], env["AUTH_TOKEN"])
    storage_id = env.get("STORAGE_ID")

    # assets (create without a trailing slash, with zone-less dates as clients send them)
    asset = expect("POST assets/assets", api.call("POST", "assets", "assets", {
        "title": "clip.mov", "external_id": "py-" + str(uuid.uuid4()), "type": "ASSET",
        "date_created": "2026-11-22T22:13:03.593004", "date_modified": "2026-11-22T22:13:03.593004"}), 201,
        ("id", "title", "status", "type", "date_created"))
    asset_id = asset.get("id")
    expect("GET assets/assets/{id}/", api.call("GET", "assets", "assets/%s/" % asset_id), 200, ("id", "versions"))
    expect("PATCH assets/assets/{id}/", api.call("PATCH", "assets", "assets/%s/" % asset_id,
                                                 {"category": "video"}), 200, ("id",))
    objects("GET assets/assets/", api.call("GET", "assets", "assets/", params={"per_page": 5}))

    # collections, their contents and contents info (no trailing slash where clients leave it out)
    collection = expect("POST assets/collections", api.call("POST", "assets", "collections", {"title": "Dailies"}),
                        201, ("id", "title", "status", "created_by_user", "is_root", "custom_order_status"))
    col_id = collection.get("id")
    expect("POST assets/collections/{id}/contents", api.call(
        "POST", "assets", "collections/%s/contents" % col_id, {"object_id": asset_id, "object_type": "assets"}),
        201, ("object_id",))
    objects("GET assets/collections/{id}/contents/", api.call("GET", "assets", "collections/%s/contents/" % col_id))
    info = expect("GET assets/collections/{id}/content/info", api.call(
        "GET", "assets", "collections/%s/content/info" % col_id), 200, ("assets_count", "collections_count"))
    if info and info.get("assets_count") != 1:
        problems.append("content/info counts %s assets, not 1" % info.get("assets_count"))

    # formats, file sets and files, leaving out what equals the default
    fmt = expect("POST files/assets/{id}/formats/", api.call("POST", "files", "assets/%s/formats/" % asset_id,
                                                             {"name": "ORIGINAL"}), 201,
                 ("id", "metadata", "storage_methods", "components"))
    format_id = fmt.get("id")
    expect("GET files/assets/{id}/formats/{id}/", api.call("GET", "files", "assets/%s/formats/%s/" % (
        asset_id, format_id)), 200, ("id", "name"))
    file_set = expect("POST files/assets/{id}/file_sets/", api.call(
        "POST", "files", "assets/%s/file_sets/" % asset_id,
        {"format_id": format_id, "name": "clip.mov", "storage_id": storage_id}), 201, ("id", "base_dir",
                                                                                      "component_ids"))
    file_set_id = file_set.get("id")
    expect("GET files/assets/{id}/file_sets/{id}/", api.call("GET", "files", "assets/%s/file_sets/%s/" % (
        asset_id, file_set_id)), 200, ("id",))
    f = expect("POST files/assets/{id}/files/", api.call("POST", "files", "assets/%s/files/" % asset_id, {
        "original_name": "clip.mov", "file_set_id": file_set_id, "format_id": format_id, "size": 1024,
        "type": "FILE", "status": "CLOSED", "storage_id": storage_id}), 201, ("id", "status"))
    file_id = f.get("id")
    expect("GET files/assets/{id}/files/{id}/", api.call("GET", "files", "assets/%s/files/%s/" % (
        asset_id, file_id)), 200, ("id", "original_name"))
    objects("GET files/assets/{id}/files/", api.call("GET", "files", "assets/%s/files/" % asset_id))

    # a proxy uploaded the way clients do on a GCS storage (resumable session), then read by id
    proxy = expect("POST files/assets/{id}/proxies/", api.call("POST", "files", "assets/%s/proxies/" % asset_id, {
        "name": "clip.mp4", "filename": "clip.mp4", "codec": "h264", "resolution": {"width": 640, "height": 360},
        "status": "OPEN"}), 201, ("id", "upload_url", "storage_method"))
    proxy_id = proxy.get("id")
    if proxy.get("upload_url") and proxy.get("storage_method") == "GCS":
        start = api.call("POST", None, None, raw_url=proxy["upload_url"], data=b"",
                         headers={"x-goog-resumable": "start", "Content-Type": "video/mp4"})
        expect("POST upload_url (x-goog-resumable: start)", start, 201)
        location = start.headers.get("Location") or start.headers.get("location")
        if location:
            expect("PUT resumable session", api.call("PUT", None, None, raw_url=location, data=b"p" * 3000), 200)
    expect("PATCH files/assets/{id}/proxies/{id}/", api.call("PATCH", "files", "assets/%s/proxies/%s/" % (
        asset_id, proxy_id), {"status": "CLOSED"}), 200, ("id",))
    expect("GET files/assets/{id}/proxies/{id}/", api.call("GET", "files", "assets/%s/proxies/%s/" % (
        asset_id, proxy_id)), 200, ("id", "status"))

    # keyframes, created and read back by id
    kf = expect("POST files/assets/{id}/keyframes/", api.call("POST", "files", "assets/%s/keyframes/" % asset_id, {
        "type": "KEYFRAME", "filename": "kf.jpg", "resolution": {"width": 640, "height": 360}}), 201, ("id",))
    expect("GET files/assets/{id}/keyframes/{id}/", api.call("GET", "files", "assets/%s/keyframes/%s/" % (
        asset_id, kf.get("id"))), 200, ("id", "type"))
    objects("GET files/assets/{id}/keyframes/", api.call("GET", "files", "assets/%s/keyframes/" % asset_id))

    # metadata: a field, a view, values (404 before any, as iconik answers)
    field = "scene_" + uuid.uuid4().hex[:8]
    expect("POST metadata/fields/", api.call("POST", "metadata", "fields/", {
        "name": field, "label": "Scene", "field_type": "string"}), 201, ("name",))
    view = expect("POST metadata/views/", api.call("POST", "metadata", "views/", {
        "name": "Ingest " + field, "view_fields": [{"name": field}]}), 201, ("id", "view_fields"))
    view_id = view.get("id")
    expect("GET metadata/views/{id}/", api.call("GET", "metadata", "views/%s/" % view_id), 200, ("id",))
    expect("GET metadata/assets/{id}/views/{id}/ (none yet)", api.call(
        "GET", "metadata", "assets/%s/views/%s/" % (asset_id, view_id)), 404)
    expect("PUT metadata/assets/{id}/views/{id}/", api.call("PUT", "metadata", "assets/%s/views/%s/" % (
        asset_id, view_id), {"metadata_values": {field: {"field_values": [{"value": "12A"}]}}}), 200,
        ("metadata_values",))
    values = expect("GET metadata/assets/{id}/views/{id}/", api.call(
        "GET", "metadata", "assets/%s/views/%s/" % (asset_id, view_id)), 200, ("metadata_values",))
    got = (values.get("metadata_values") or {}).get(field, {}).get("field_values", [{}])[0].get("value")
    if values and got != "12A":
        problems.append("metadata value read back as %r, not '12A'" % got)

    # jobs: create, PATCH without a trailing slash, read
    job = expect("POST jobs/jobs/", api.call("POST", "jobs", "jobs/", {
        "title": "Ingest clip.mov", "type": "TRANSFER", "status": "STARTED", "object_type": "assets",
        "object_id": asset_id}), 201, ("id", "status"))
    expect("PATCH jobs/jobs/{id}", api.call("PATCH", "jobs", "jobs/%s" % job.get("id"), {
        "status": "FINISHED", "progress_processed": 100}), 200, ("id",))
    expect("GET jobs/jobs/{id}/", api.call("GET", "jobs", "jobs/%s/" % job.get("id")), 200, ("status",))
    transcode = expect("POST files/assets/{id}/files/{id}/keyframes/", api.call(
        "POST", "files", "assets/%s/files/%s/keyframes/" % (asset_id, file_id), {}), 200, ("job_id",))
    expect("GET jobs/jobs/{id}/ (transcode)", api.call("GET", "jobs", "jobs/%s/" % transcode.get("job_id")), 200,
           ("status", "type"))
    # as clients do, wait for iconik's transcode job to end, then look for the proxy and keyframes it made
    status = None
    deadline = time.time() + float(env.get("JOB_WAIT_SECONDS", "60"))
    while time.time() < deadline:
        status = (api.call("GET", "jobs", "jobs/%s/" % transcode.get("job_id")).data or {}).get("status")
        if status in ("FINISHED", "FAILED", "ABORTED"):
            break
        time.sleep(0.5)
    print("%-58s %s" % ("transcode job ended", status))
    if status != "FINISHED":
        problems.append("the transcode job ended %s, not FINISHED" % status)
    else:
        made = objects("GET files/assets/{id}/proxies/ (after the job)", api.call(
            "GET", "files", "assets/%s/proxies/" % asset_id))
        if not any(p.get("id") != proxy_id and p.get("status") == "CLOSED" for p in made):
            problems.append("the finished transcode job made no CLOSED proxy")
        frames = objects("GET files/assets/{id}/keyframes/ (after the job)", api.call(
            "GET", "files", "assets/%s/keyframes/" % asset_id, params={"per_page": 50}))
        if not any(k.get("type") == "POSTER" for k in frames):
            problems.append("the finished transcode job made no POSTER keyframe")
    objects("GET jobs/jobs/", api.call("GET", "jobs", "jobs/", params={"object_id": asset_id}))

    # ACLs: a group's, then the object's combined ACL
    group = expect("POST users/groups/", api.call("POST", "users", "groups/", {"name": "Py editors"}), 201, ("id",))
    acl_path = "groups/%s/acl/assets/%s/" % (group.get("id"), asset_id)
    expect("PUT acls/groups/{id}/acl/assets/{id}/", api.call("PUT", "acls", acl_path, {
        "permissions": ["read", "write"]}), 201, ("permissions",))
    expect("GET acls/groups/{id}/acl/assets/{id}/", api.call("GET", "acls", acl_path), 200, ("permissions",))
    expect("GET acls/acl/assets/{id}/", api.call("GET", "acls", "acl/assets/%s/" % asset_id), 200,
           ("groups_acl", "users_acl"))
    expect("GET users/users/current/", api.call("GET", "users", "users/current/"), 200, ("id", "first_name"))

    # shares
    share = expect("POST assets/assets/{id}/shares/", api.call("POST", "assets", "assets/%s/shares/" % asset_id, {
        "emails": ["client@example.com"], "allow_comments": True, "allow_download": False,
        "allow_approving_comments": False, "allow_setting_approve_status": False}), 202, ("id",))
    objects("GET assets/assets/{id}/shares/", api.call("GET", "assets", "assets/%s/shares/" % asset_id))
    expect("GET assets/assets/{id}/shares/{id}/", api.call("GET", "assets", "assets/%s/shares/%s/" % (
        asset_id, share.get("id"))), 200, ("id", "users"))

    # storages, mediainfo, a version's media, history, segments, search (what pythonik's specs call besides)
    objects("GET files/storages/", api.call("GET", "files", "storages/"))
    expect("GET files/storages/{id}/", api.call("GET", "files", "storages/%s/" % storage_id), 200,
           ("id", "method", "purpose", "settings"))
    objects("GET files/storages/{id}/files/", api.call("GET", "files", "storages/%s/files/" % storage_id))
    expect("POST files/assets/{id}/files/{id}/mediainfo", api.call(
        "POST", "files", "assets/%s/files/%s/mediainfo" % (asset_id, file_id), {"priority": 5}), 200, ("job_id",))
    versions = expect("GET assets/assets/{id}/ (versions)", api.call("GET", "assets", "assets/%s/" % asset_id),
                      200, ("versions",)).get("versions") or [{}]
    version_id = versions[-1].get("id")
    for kind in ("formats", "file_sets", "files", "proxies", "keyframes"):
        got = objects("GET files/assets/{id}/versions/{id}/%s/" % kind, api.call(
            "GET", "files", "assets/%s/versions/%s/%s/" % (asset_id, version_id, kind)))
        if not got:
            problems.append("the asset's version lists no %s" % kind)
    expect("POST assets/assets/{id}/history/", api.call("POST", "assets", "assets/%s/history/" % asset_id, {
        "operation_description": "checked by a client", "operation_type": "CUSTOM"}), 201, ("id",))
    objects("GET assets/assets/{id}/history/", api.call("GET", "assets", "assets/%s/history/" % asset_id))
    segment = expect("POST assets/assets/{id}/segments/", api.call(
        "POST", "assets", "assets/%s/segments/" % asset_id, {"segment_type": "COMMENT", "segment_text": "nice",
                                                              "time_start_milliseconds": 0}), 201, ("id",))
    objects("GET assets/assets/{id}/segments/", api.call("GET", "assets", "assets/%s/segments/" % asset_id))
    expect("PATCH assets/assets/{id}/segments/{id}/", api.call("PATCH", "assets", "assets/%s/segments/%s/" % (
        asset_id, segment.get("id")), {"segment_text": "very nice"}), 200, ("id",))
    expect("PUT metadata/assets/{id}/segments/{id}/views/{id}/", api.call(
        "PUT", "metadata", "assets/%s/segments/%s/views/%s/" % (asset_id, segment.get("id"), view_id),
        {"metadata_values": {field: {"field_values": [{"value": "S1"}]}}}), 200, ("metadata_values",))
    expect("GET metadata/segments/{id}/views/{id}/", api.call("GET", "metadata", "segments/%s/views/%s/" % (
        segment.get("id"), view_id)), 200, ("metadata_values",))
    expect("DELETE assets/assets/{id}/segments/{id}/", api.call("DELETE", "assets", "assets/%s/segments/%s/" % (
        asset_id, segment.get("id")), params={"soft_delete": "true"}), 204)
    expect("GET metadata/assets/{id}/views/{id} (no slash)", api.call(
        "GET", "metadata", "assets/%s/views/%s" % (asset_id, view_id)), 200, ("metadata_values",))
    expect("PUT metadata/assets/{id}/ (direct)", api.call("PUT", "metadata", "assets/%s/" % asset_id, {
        "metadata_values": {field: {"field_values": [{"value": "12B"}]}}}), 200, ("metadata_values",))
    expect("GET metadata/assets/{id}/", api.call("GET", "metadata", "assets/%s/" % asset_id), 200,
           ("metadata_values",))
    found = objects("POST search/search/", api.call("POST", "search", "search/", {
        "doc_types": ["assets"], "query": "clip"}))
    if not any(o.get("id") == asset_id for o in found):
        problems.append("search for 'clip' did not find the asset")

    # a version made from another asset, bulk deletes and the delete queues
    other = expect("POST assets/assets (second)", api.call("POST", "assets", "assets", {"title": "take2.mov"}), 201,
                   ("id",))
    expect("POST assets/assets/{id}/versions/from/assets/{id}/", api.call(
        "POST", "assets", "assets/%s/versions/from/assets/%s/" % (asset_id, other.get("id")), {}), 202)
    spare = expect("POST assets/assets (third)", api.call("POST", "assets", "assets", {"title": "spare.mov"}), 201,
                   ("id",))
    expect("POST assets/delete_queue/bulk/", api.call("POST", "assets", "delete_queue/bulk/", {
        "object_type": "assets", "object_ids": [spare.get("id")]}), 202)
    queued = objects("GET assets/delete_queue/assets/", api.call("GET", "assets", "delete_queue/assets/"))
    if not any(o.get("id") == spare.get("id") for o in queued):
        problems.append("the bulk-deleted asset is not in the delete queue")
    expect("POST assets/delete_queue/purge/all/", api.call("POST", "assets", "delete_queue/purge/all/"), 204)
    objects("GET files/delete_queue/file_sets/", api.call("GET", "files", "delete_queue/file_sets/"))
    objects("GET files/delete_queue/formats/", api.call("GET", "files", "delete_queue/formats/"))
    expect("GET assets/collections/{id}/", api.call("GET", "assets", "collections/%s/" % col_id), 200,
           ("id", "title"))
    expect("DELETE assets/collections/{id}/", api.call("DELETE", "assets", "collections/%s/" % col_id), 202)

    # and what iconik answers to a client that is wrong
    expect("GET assets/assets/{unknown}/", api.call("GET", "assets", "assets/%s/" % uuid.uuid4()), 404)
    wrong = Iconik(env["ICONIK_URL"], env["APP_ID"], "not-the-token")
    expect("GET assets/assets/ with a wrong token", wrong.call("GET", "assets", "assets/"), 401)

    if problems:
        print("\n%d call(s) not answered as iconik documents:" % len(problems))
        for p in problems:
            print("  " + p)
        return 1
    print("\nevery call answered as iconik documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
