// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

/** The writable fields of the iconik schemas the fake accepts (from iconik's OpenAPI specs; read-only ones left out). */
final class Shapes {

    private static final String FILE_STATUS = "e(OPEN|GROWING|AWAITED|CLOSED|FAILED|ARCHIVED|MISSING|REDISCOVERED|DELETED)";
    private static final String ANALYZE = "e(N/A|REQUESTED|IN_PROGRESS|FAILED|DONE)";
    private static final String ARCHIVE = "e(NOT_ARCHIVED|ARCHIVING|FAILED_TO_ARCHIVE|ARCHIVED)";
    static final String STORAGE_METHODS = "FILE|HTTP|FTP|SFTP|S3|B2|GCS|PORTAL|CUSTOM|AZURE";
    static final String STORAGE_PURPOSES = "KEYFRAMES|FILES|PROXIES|EXPORTS|ARCHIVE|FACES";

    static final Shape STORAGE = Shape.of("method:e(" + STORAGE_METHODS + ") name:s purpose:e(" + STORAGE_PURPOSES
            + ") settings:o status:e(ACTIVE|INACTIVE|FAILING) status_message:s? description:s? scanner_status:s?"
            + " last_scanned:d?");

    static final Shape FILE_SETTINGS = Shape.of("mount_point:s remote_path:s storage_addr:s public_identity:s"
            + " asset_versions_suffix:s metadata_conversion_url:s metadata_conversion_url_headers:s?"
            + " folder_name_tags_metadata_field_name:s remote_storage_id:u access_group_id:u? acl_template_id:u?"
            + " metadata_view_id:u? folder_name_tags_metadata_view_id:u? read:b write:b delete:b scan:b upload_files:b"
            + " local_proxy_creation:b local_keyframe_creation:b aggregate_identical_files:b"
            + " aggregate_only_on_same_storage:b allow_access_outside_scan_directories:b enable_auto_versioning:b"
            + " enable_collection_directory_mapping:b enable_directory_assets:b filename_is_external_id:b"
            + " sidecar_metadata_required:b skip_upload_on_any_remote_copy_found:b title_includes_extension:b"
            + " is_system:b scan_directories:[s] scan_include:[s] scan_ignore:[s] transcode_include:[s]"
            + " transcode_ignore:[s] upload_ignore:[s] aggregate_ignore:[s] auto_version_ignore:[s]"
            + " directory_assets_original_patterns:[s] directory_assets_transcode_patterns:[s]"
            + " scan_interval_seconds:i growing_files_threshold:i auto_version_ingest_throttle_value:i prio_dirs:[o]?");

    static final Shape PRIO_DIR = Shape.of("directory:s priority:i");

    static final Shape GATEWAY_STATUS = Shape.of("status:s");
    static final Shape GROUP_ACL = Shape.of("permissions:[s]");

    static final Shape GATEWAY_REPORT = Shape.of("status:e(OFFLINE|LIVE|UNKNOWN) version:s host_name:s host_info:s"
            + " start_status:e(SUCCESS|FAILED) start_status_message:s log_lines:[s] error_log_lines:[s]"
            + " await_checksum_files_number:i? empty_files_number:i? exported_files_number:i? faulty_files_number:i?"
            + " ingested_files_number:i? ingested_files_uploads_number:i? ingesting_files_number:i?"
            + " last_scan_time:i? missing_files_number:i? scanned_files_number:i? skipped_files_number:i?"
            + " total_files_number:i? total_folders_number:i? waiting_preview_transcode_jobs_number:i?"
            + " waiting_transcode_jobs_number:i?");

    static final Shape GATEWAY_EVENT = Shape.of("type:e(RESTART|DOWNLOAD|DOWNLOAD_ABORT|DOWNLOAD_CHANGE_PRIORITY|UPLOAD"
            + "|UPLOAD_ABORT|UPLOAD_CHANGE_PRIORITY|INGEST_UPLOAD|DELETE|TRANSCODE|ASSET_MERGED|TRANSCODE_ABORT"
            + "|TRANSCODE_CHANGE_PRIORITY|REQUEST_COLLECTION_MAP|ABORT_COLLECTION_MAP|COLLECTION_DELETED"
            + "|RESET_INGEST_VALIDATION|SCHEDULE_CHECKSUM_CALCULATION|ABORT_JOBS_BULK|MARK_MISSING_OUTSIDE_SCAN_DIRS)"
            + " data:o");

    static final Shape STORAGE_SCAN = Shape.of("files:[s]? paths:[s]? ignore_already_active:b");

    static final Shape BULK_TRANSFER = Shape.of("object_ids:[u] object_type:e(assets|collections|saved_searches)"
            + " allow_duplicate_transfers:b delete_only_from_source_folder:b delete_original:b file_path:s?"
            + " format_name:s keep_collection_structure:b keep_parent_collection_structure:b overwrite:b"
            + " preferred_original_storage_id:u?");

    static final Shape BULK_TRANSCODE = Shape.of("object_ids:[u] object_type:e(assets|collections|saved_searches)"
            + " format_name:s prefer_any_cloud:b preferred_storage_id:u"
            + " preferred_storage_method:e(FILE|HTTP|FTP|SFTP|S3|B2|GCS|PORTAL|CUSTOM|AZURE) priority:i");

    static final Shape EVENTS_PURGE = Shape.of("event_ids:[u]");

    static final Shape ASSET = Shape.of("title:s external_id:s? category:s?"
            + " type:e(ASSET|SEQUENCE|NLE_PROJECT|PLACEHOLDER|CUSTOM|LINK|SUBCLIP) status:e(ACTIVE|DELETED)"
            + " is_online:b is_blocked:b analyze_status:" + ANALYZE + " archive_status:" + ARCHIVE
            + " face_recognition_status:" + ANALYZE + " custom_keyframe:u? custom_poster:u? external_link:s?"
            + " original_asset_id:u original_segment_id:u original_version_id:u person_ids:[u]? site_name:s?"
            + " time_start_milliseconds:l time_end_milliseconds:l warning:s? has_unconfirmed_persons:b"
            + " collection_id:u?");

    static final Shape ASSET_VERSION = Shape.of("copy_metadata:b copy_persons:b copy_segments:b"
            + " include_segment_types:[s] source_version_id:u");

    static final Shape ASSET_HISTORY = Shape.of("operation_type:e(EXPORT|TRANSCODE|ANALYZE|ADD_FORMAT|DELETE_FORMAT"
            + "|RESTORE_FORMAT|DELETE_FILESET|DELETE_FILE|RESTORE_FILESET|MODIFY_FILESET|APPROVE|REJECT|DOWNLOAD"
            + "|METADATA|CUSTOM|TRANSCRIPTION|VERSION_CREATE|VERSION_DELETE|VERSION_UPDATE|VERSION_PROMOTE|RESTORE"
            + "|RESTORE_FROM_GLACIER|ARCHIVE|RESTORE_ARCHIVE|DELETE|TRANSFER|UNLINK_SUBCLIP|FACE_RECOGNITION)"
            + " job_id:u? operation_description:s? share_id:u? share_user_id:u?");

    static final Shape TRANSCODE_REQUEST = Shape.of("priority:i? set_as_custom_keyframe:b? update_proxy_mediainfo:b"
            + " use_storage_transcode_ignore_pattern:b?");

    static final Shape FORMAT = Shape.of("name:s archive_status:" + ARCHIVE + " is_online:b metadata:[o]"
            + " status:e(ACTIVE|DELETED) storage_methods:[s] user_id:u version_id:u components:[o]");

    static final Shape COMPONENT = Shape.of("name:s type:e(VIDEO|AUDIO|IMAGE|TEXT|OTHER|NON_MEDIA|EXIF|IPTC|XMP|GENERAL)"
            + " metadata:o");

    static final Shape FILE_SET = Shape.of("base_dir:s component_ids:[u] format_id:u name:s archive_file_set_id:u"
            + " is_archive:b original_storage_id:u status:e(ACTIVE|ARCHIVED|DELETED) storage_id:u version_id:u");

    static final Shape FILE = Shape.of("asset_id:u checksum:s? directory_path:s file_date_created:d"
            + " file_date_modified:d file_set_id:u format_id:u name:s original_name:s parent_id:u? size:l status:"
            + FILE_STATUS + " storage_id:u type:e(FILE|DIRECTORY|SYMLINK) user_id:u? version_id:u system_domain_id:u");

    static final Shape FILE_EXISTENCE = Shape.of("directory_path:s file_name:s");

    static final Shape PROXY = Shape.of("asset_id:u audio_bitrate:i bit_rate:i codec:s filename:s format:s"
            + " frame_rate:s? is_drop_frame:b? name:s resolution:o rotation:i? size:l? start_time_code:s? status:"
            + FILE_STATUS + " storage_id:u version_id:u?");

    static final Shape RESOLUTION = Shape.of("width:i height:i");

    static final Shape KEYFRAME = Shape.of("asset_id:u? collection_id:u? filename:s format:s? is_custom_keyframe:b"
            + " name:s resolution:o rotation:i? size:l? status:" + FILE_STATUS + " storage_id:u time_code:o"
            + " type:e(KEYFRAME_MAP|KEYFRAME|POSTER) version_id:u?");

    static final Shape TIME_CODE = Shape.of("frames_number:l is_drop_frame:b time_base:o");

    static final Shape TIME_BASE = Shape.of("numerator:i denominator:i");

    static final Shape METADATA_FIELD = Shape.of("name:s label:s field_type:s auto_set:b? description:s"
            + " external_id:s hide_if_not_set:b? is_block_field:b is_warning_field:b max_value:n min_value:n multi:b"
            + " options:[o] read_only:b? representative:b required:b? sortable:b source_url:s? use_as_facet:b");

    static final Shape FIELD_OPTION = Shape.of("label:s value:s");

    static final Shape VIEW = Shape.of("name:s description:s? view_fields:[o]");

    static final Shape VIEW_FIELD = Shape.of("name:s label:s? auto_set:b? hide_if_not_set:b? read_only:b? required:b?"
            + " options:[o]? source_url:s?");

    static final Shape METADATA_VALUES = Shape.of("metadata_values:o");

    static final Shape FIELD_VALUE = Shape.of("field_values:[o] mode:e(append|delete|overwrite)");

    static final Shape COLLECTION = Shape.of("title:s category:s? custom_keyframe:u? custom_poster:u? external_id:s?"
            + " is_root:b keyframe_asset_ids:[u] parent_id:u? status:e(ACTIVE|HIDDEN|DELETED) storage_id:u?");

    static final Shape COLLECTION_CONTENT = Shape.of("object_id:u object_type:s");

    static final Shape JOB = Shape.of("title:s type:e(MEDIAINFO|TRANSCODE|KEYFRAMES|EXPORT|DELETE|REINDEX|MOVE|TRANSFER"
            + "|ANALYZE|METADATA|CUSTOM|SCAN|ARCHIVE|RESTORE|RESTORE_FROM_GLACIER|ACL|COPY|TRANSCRIPTION"
            + "|REQUEST_COLLECTION_MAP|COLLECTION_CUSTOM_ORDER|STORAGE_GATEWAY_FILE_INGEST|MARK_MISSING"
            + "|FACE_RECOGNITION|SET_APPROVAL|REQUEST_APPROVAL|CHANGE_PERSON|CONFIRM_PERSON|DELETE_PERSON|AUTOMATION"
            + "|REVIEW_REQUEST|CONVERT_SAVED_SEARCH_TO_COLLECTION)"
            + " status:e(READY|STARTED|FINISHED|FINISHED_WITH_WARNING|FAILED|WAITING|ABORT_PENDING|ABORTED|SKIPPED"
            + "|PAUSED) completed_at:d custom_type:s? error_message:s has_children:b job_context:o message:s"
            + " metadata:o object_id:u? object_type:s? parent_id:u? progress_processed:l progress_total:l"
            + " related_objects:[o] started_at:d");

    static final Shape RELATED_OBJECT = Shape.of("object_id:u object_type:s");

    static final Shape JOB_STEP = Shape.of("id:u label:s status:e(IN_PROGRESS|WAITING|FAILED|DONE|SKIPPED) message:s?"
            + " error_message:s?");

    static final Shape SEARCH = Shape.of("doc_types:[s] query:s filter:o sort:[o] include_fields:[s]"
            + " exclude_fields:[s] search_after:[a] facets:[s] search_fields:[s] metadata_view_id:u");

    private Shapes() {
    }

    private static final String SEGMENT_TYPES = "e(MARKER|QC|GENERIC|COMMENT|TAG|TRANSCRIPTION|SCENE|PERSON)";

    static final Shape USER = Shape.of("date_checklist_completed:d? date_first_uploaded:d? date_terms_accepted:d?"
            + " date_welcomed:d? description:s email:s email_marketing_consent:b? first_name:s groups:[u]"
            + " hide_email:b hide_phone:b is_admin:b last_name:s metadata:a? phone:s primary_group:u"
            + " status:e(INACTIVE|ACTIVE|BLOCKED|DELETED) system_domains:[u]"
            + " type:e(POWER|STANDARD|BROWSE_ONLY|BROWSE_API_ONLY) password:s");

    static final Shape GROUP = Shape.of("alias:s default_user_type:s? description:s external_id:s? name:s"
            + " role_categories:o? roles:[s] saml_primary_group_priority:i?");

    static final Shape USER_ACL = Shape.of("permissions:[s]");

    static final Shape CREATE_ACLS = Shape.of("group_ids:[u] mode:e(APPEND|OVERWRITE) object_keys:[s]"
            + " permissions:[s] user_ids:[u]");

    static final Shape DELETE_ACLS = Shape.of("group_ids:[u] object_keys:[s] user_ids:[u]");

    static final Shape BULK_ACL_OBJECTS = Shape.of("objects:[o]");

    static final Shape ACL_CHECK_OBJECT = Shape.of("object_keys:[s] object_type:s permissions:[s]");

    static final Shape ACL_KEYS = Shape.of("object_keys:[s]");

    static final Shape SHARE = Shape.of("allow_approving_comments:b allow_comments:b allow_custom_actions:b"
            + " allow_download:b allow_download_proxy:b allow_setting_approve_status:b allow_upload:b"
            + " allow_user_search_for_mentions:b allow_view_transcriptions:b allow_view_versions:b expires:d"
            + " is_approval:b? message:s? metadata_views:[s]? project_id:u? show_watermark:b? title:s?"
            + " upload_storage_id:u? emails:[s] password:s?");

    static final Shape SHARE_USER = Shape.of("email:s internal_user_id:s password:s");

    static final Shape SEGMENT = Shape.of("drawing:o? external_id:s? face_bounding_boxes:[o]? keyframe_id:u?"
            + " metadata:o metadata_view_id:u? parent_id:u path:s person_id:u? project_id:u? segment_checked:b"
            + " segment_color:s segment_text:s? segment_track:s? segment_type:" + SEGMENT_TYPES
            + " share_id:u? share_user_email:s? status:e(ACTIVE|DELETED) time_end_milliseconds:l?"
            + " time_start_milliseconds:l? top_level:b transcription:o transcription_id:u? user_info:o version_id:u");

    static final Shape DELETE_SEGMENTS = Shape.of("segment_ids:[u] segment_type:" + SEGMENT_TYPES + " version_id:u?");

    static final Shape SAVED_SEARCH = Shape.of("criteria:o group_id:u? name:s permissions:[s]");

    static final Shape CATEGORY = Shape.of("label:s name:s view_ids:[s]");

    static final Shape EXPORT_LOCATION = Shape.of("description:s export_metadata:b export_original:b export_posters:b"
            + " export_proxy:b export_to_asset_folder:b export_transcriptions:b include_original_extension:b"
            + " metadata_format:e(CSV|JSON|XML) metadata_view:u name:s path:s storage_id:u transcode_profile_ids:[u]"
            + " transcription_format:e(WEBVTT|SRT)");

    static final Shape EDIT_VERSION = Shape.of("analyze_status:" + ANALYZE + " archive_status:" + ARCHIVE
            + " is_online:b status:e(ACTIVE|IN_PROGRESS|FAILED|DELETING|DELETED) transcribed_languages:[s]");
}
