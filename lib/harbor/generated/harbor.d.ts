// GENERATED FILE - do not edit.
// Types for Harbor's REST API v2.0, from harbor-v2.15.2.swagger.yaml (goharbor/harbor tag v2.15.2, sha256 9be2b505d4c6…).
// Regenerate with `npm run harbor:types` (scripts/generate-harbor-types.ts: swagger2openapi, then openapi-typescript).
export interface paths {
    "/audit-logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get recent logs of projects which the user is a member with project admin role, or return all audit logs for system admin user (deprecated)
         * @description This endpoint let the user see the recent operation logs of projects which the user is a member with project admin role,, or return all audit logs for system admin user, it only query the audit log in previous version.
         */
        get: operations["listAuditLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auditlog-exts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get recent logs of the projects which the user is a member with project_admin role, or return all audit logs for system admin user
         * @description This endpoint let user see the recent operation logs of the projects which he is member with project_admin role, or return all audit logs for system admin user.
         */
        get: operations["listAuditLogExts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auditlog-exts/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get all event types of audit log
         * @description Get all event types of audit log
         */
        get: operations["listAuditLogEventTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/configurations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get system configurations.
         * @description This endpoint is for retrieving system configurations that only provides for admin user.
         */
        get: operations["getConfigurations"];
        /**
         * Modify system configurations.
         * @description This endpoint is for modifying system configurations that only provides for admin user.
         */
        put: operations["updateConfigurations"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/export/cve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Export scan data for selected projects
         * @description Export scan data for selected projects
         */
        post: operations["exportScanData"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/export/cve/download/{execution_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download the scan data export file
         * @description Download the scan data report. Default format is CSV
         */
        get: operations["downloadScanData"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/export/cve/execution/{execution_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the specific scan data export execution
         * @description Get the scan data export execution specified by ID
         */
        get: operations["getScanDataExportExecution"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/export/cve/executions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a list of specific scan data export execution jobs for a specified user
         * @description Get a list of specific scan data export execution jobs for a specified user
         */
        get: operations["getScanDataExportExecutionList"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Check the status of Harbor components
         * @description Check the status of Harbor components. This path does not require authentication.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/icons/{digest}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get artifact icon
         * @description Get the artifact icon with the specified digest. As the original icon image is resized and encoded before returning, the parameter "digest" in the path doesn't match the hash of the returned content
         */
        get: operations["getIcon"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/internalconfig": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get internal configurations.
         * @description This endpoint is for retrieving system configurations that only provides for internal api call.
         */
        get: operations["getInternalconfig"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobservice/jobs/{job_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Stop running job
         * @description Stop running job
         */
        put: operations["stopRunningJob"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobservice/jobs/{job_id}/log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get job log by job id
         * @description Get job log by job id, it is only used by administrator
         */
        get: operations["actionGetJobLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobservice/pools": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get worker pools
         * @description Get worker pools
         */
        get: operations["getWorkerPools"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobservice/pools/{pool_id}/workers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get workers
         * @description Get workers in current pool
         */
        get: operations["getWorkers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobservice/queues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * list job queues
         * @description list job queue
         */
        get: operations["listJobQueues"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/jobservice/queues/{job_type}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * stop and clean, pause, resume pending jobs in the queue
         * @description stop and clean, pause, resume pending jobs in the queue
         */
        put: operations["actionPendingJobs"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/labels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List labels according to the query strings.
         * @description This endpoint let user list labels by name, scope and project_id
         */
        get: operations["ListLabels"];
        put?: never;
        /**
         * Post creates a label
         * @description This endpoint let user creates a label.
         */
        post: operations["CreateLabel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/labels/{label_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the label specified by ID.
         * @description This endpoint let user get the label by specific ID.
         */
        get: operations["GetLabelByID"];
        /**
         * Update the label properties.
         * @description This endpoint let user update label properties.
         */
        put: operations["UpdateLabel"];
        post?: never;
        /**
         * Delete the label specified by ID.
         * @description Delete the label specified by ID.
         */
        delete: operations["DeleteLabel"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ldap/groups/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search available ldap groups.
         * @description This endpoint searches the available ldap groups based on related configuration parameters. support to search by groupname or groupdn.
         */
        get: operations["searchLdapGroup"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ldap/ping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ping available ldap service.
         * @description This endpoint ping the available ldap service for test related configuration parameters.
         */
        post: operations["pingLdap"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ldap/users/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import selected available ldap users.
         * @description This endpoint adds the selected available ldap users to harbor based on related configuration parameters from the system. System will try to guess the user email address and realname, add to harbor user information. If have errors when import user, will return the list of importing failed uid and the failed reason.
         */
        post: operations["importLdapUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ldap/users/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search available ldap users.
         * @description This endpoint searches the available ldap users based on related configuration parameters. Support searched by input ldap configuration, load configuration from the system and specific filter.
         */
        get: operations["searchLdapUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/p2p/preheat/instances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List P2P provider instances
         * @description List P2P provider instances
         */
        get: operations["ListInstances"];
        put?: never;
        /**
         * Create p2p provider instances
         * @description Create p2p provider instances
         */
        post: operations["CreateInstance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/p2p/preheat/instances/{preheat_instance_name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a P2P provider instance
         * @description Get a P2P provider instance
         */
        get: operations["GetInstance"];
        /**
         * Update the specified P2P provider instance
         * @description Update the specified P2P provider instance.
         *
         *     If `auth_info` is omitted or empty in the request body and the effective `auth_mode` is not `NONE`
         *     (either sent in the request or left unchanged from the stored registration), the previously stored
         *     auth credentials are kept. Send a non-empty `auth_info` object to set or replace credentials.
         *     Set `auth_mode` to `NONE` to disable authentication without retaining the old credentials.
         */
        put: operations["UpdateInstance"];
        post?: never;
        /**
         * Delete the specified P2P provider instance
         * @description Delete the specified P2P provider instance
         */
        delete: operations["DeleteInstance"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/p2p/preheat/instances/ping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ping status of a instance.
         * @description This endpoint checks status of a instance, the instance can be given by ID or Endpoint URL (together with credential)
         */
        post: operations["PingInstances"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/p2p/preheat/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List P2P providers
         * @description List P2P providers
         */
        get: operations["ListProviders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/permissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get system or project level permissions info.
         * @description This endpoint is for retrieving resource and action info that only provides for admin user(system admin and project admin).
         */
        get: operations["getPermissions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Ping Harbor to check if the API server is alive.
         * @description This API simply replies a pong to indicate the process to handle API is up, disregarding the health status of dependent components. This path does not require any authentication.
         */
        get: operations["getPing"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List projects
         * @description This endpoint returns projects created by Harbor.
         */
        get: operations["listProjects"];
        put?: never;
        /**
         * Create a new project.
         * @description This endpoint is for user to create a new project.
         */
        post: operations["createProject"];
        delete?: never;
        options?: never;
        /**
         * Check if the project name user provided already exists.
         * @description This endpoint is used to check if the project name provided already exist.
         */
        head: operations["headProject"];
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name_or_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Return specific project detail information
         * @description This endpoint returns specific project information by project ID.
         */
        get: operations["getProject"];
        /**
         * Update properties for a selected project.
         * @description This endpoint is aimed to update the properties of a project.
         */
        put: operations["updateProject"];
        post?: never;
        /**
         * Delete project by projectID
         * @description This endpoint is aimed to delete project by project ID.
         */
        delete: operations["deleteProject"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name_or_id}/_deletable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the deletable status of the project
         * @description Get the deletable status of the project
         */
        get: operations["getProjectDeletable"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name_or_id}/artifacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List artifacts
         * @description List artifacts of the specified project
         */
        get: operations["listArtifactsOfProject"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name_or_id}/immutabletagrules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List all immutable tag rules of current project
         * @description This endpoint returns the immutable tag rules of a project
         */
        get: operations["ListImmuRules"];
        put?: never;
        /**
         * Add an immutable tag rule to current project
         * @description This endpoint add an immutable tag rule to the project
         */
        post: operations["CreateImmuRule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name_or_id}/immutabletagrules/{immutable_rule_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Update the immutable tag rule or enable or disable the rule */
        put: operations["UpdateImmuRule"];
        post?: never;
        /** Delete the immutable tag rule. */
        delete: operations["DeleteImmuRule"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name_or_id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get all project member information
         * @description Get all project member information
         */
        get: operations["listProjectMembers"];
        put?: never;
        /**
         * Create project member
         * @description Create project member relationship, the member can be one of the user_member and group_member,  The user_member need to specify user_id or username. If the user already exist in harbor DB, specify the user_id,  If does not exist in harbor DB, it will SearchAndOnBoard the user. The group_member need to specify id or ldap_group_dn. If the group already exist in harbor DB. specify the user group's id,  If does not exist, it will SearchAndOnBoard the group.
         */
        post: operations["createProjectMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name_or_id}/members/{mid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the project member information
         * @description Get the project member information
         */
        get: operations["getProjectMember"];
        /**
         * Update project member
         * @description Update project member relationship
         */
        put: operations["updateProjectMember"];
        post?: never;
        /** Delete project member */
        delete: operations["deleteProjectMember"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name_or_id}/metadatas/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the metadata of the specific project
         * @description Get the metadata of the specific project
         */
        get: operations["listProjectMetadatas"];
        put?: never;
        /**
         * Add metadata for the specific project
         * @description Add metadata for the specific project
         */
        post: operations["addProjectMetadatas"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name_or_id}/metadatas/{meta_name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the specific metadata of the specific project
         * @description Get the specific metadata of the specific project
         */
        get: operations["getProjectMetadata"];
        /**
         * Update the specific metadata for the specific project
         * @description Update the specific metadata for the specific project
         */
        put: operations["updateProjectMetadata"];
        post?: never;
        /**
         * Delete the specific metadata for the specific project
         * @description Delete the specific metadata for the specific project
         */
        delete: operations["deleteProjectMetadata"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name_or_id}/scanner": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get project level scanner
         * @description Get the scanner registration of the specified project. If no scanner registration is configured for the specified project, the system default scanner registration will be returned.
         */
        get: operations["getScannerOfProject"];
        /**
         * Configure scanner for the specified project
         * @description Set one of the system configured scanner registration as the indepndent scanner of the specified project.
         */
        put: operations["setScannerOfProject"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name_or_id}/scanner/candidates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get scanner registration candidates for configurating project level scanner
         * @description Retrieve the system configured scanner registrations as candidates of setting project level scanner.
         */
        get: operations["listScannerCandidatesOfProject"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name_or_id}/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get summary of the project.
         * @description Get summary of the project.
         */
        get: operations["getProjectSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name_or_id}/webhook/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get supported event types and notify types.
         * @description Get supported event types and notify types.
         */
        get: operations["GetSupportedEventTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name_or_id}/webhook/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List project webhook jobs
         * @deprecated
         * @description This endpoint returns webhook jobs of a project.
         */
        get: operations["ListWebhookJobs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name_or_id}/webhook/lasttrigger": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get project webhook policy last trigger info
         * @deprecated
         * @description This endpoint returns last trigger information of project webhook policy.
         */
        get: operations["LastTrigger"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name_or_id}/webhook/policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List project webhook policies.
         * @description This endpoint returns webhook policies of a project.
         */
        get: operations["ListWebhookPoliciesOfProject"];
        put?: never;
        /**
         * Create project webhook policy.
         * @description This endpoint create a webhook policy if the project does not have one.
         */
        post: operations["CreateWebhookPolicyOfProject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name_or_id}/webhook/policies/{webhook_policy_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get project webhook policy
         * @description This endpoint returns specified webhook policy of a project.
         */
        get: operations["GetWebhookPolicyOfProject"];
        /**
         * Update webhook policy of a project.
         * @description This endpoint is aimed to update the webhook policy of a project.
         */
        put: operations["UpdateWebhookPolicyOfProject"];
        post?: never;
        /**
         * Delete webhook policy of a project
         * @description This endpoint is aimed to delete webhookpolicy of a project.
         */
        delete: operations["DeleteWebhookPolicyOfProject"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name_or_id}/webhook/policies/{webhook_policy_id}/executions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List executions for a specific webhook policy
         * @description This endpoint returns the executions of a specific webhook policy.
         */
        get: operations["ListExecutionsOfWebhookPolicy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name_or_id}/webhook/policies/{webhook_policy_id}/executions/{execution_id}/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tasks for a specific webhook execution
         * @description This endpoint returns the tasks of a specific webhook execution.
         */
        get: operations["ListTasksOfWebhookExecution"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name_or_id}/webhook/policies/{webhook_policy_id}/executions/{execution_id}/tasks/{task_id}/log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get logs for a specific webhook task
         * @description This endpoint returns the logs of a specific webhook task.
         */
        get: operations["GetLogsOfWebhookTask"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name}/auditlog-exts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get recent logs of the projects
         * @description Get recent logs of the projects
         */
        get: operations["getLogExts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get recent logs of the projects (deprecated)
         * @description Get recent logs of the projects, it only query the previous version's audit log
         */
        get: operations["getLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name}/preheat/policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List preheat policies
         * @description List preheat policies
         */
        get: operations["ListPolicies"];
        put?: never;
        /**
         * Create a preheat policy under a project
         * @description Create a preheat policy under a project
         */
        post: operations["CreatePolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name}/preheat/policies/{preheat_policy_name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a preheat policy
         * @description Get a preheat policy
         */
        get: operations["GetPolicy"];
        /**
         * Update preheat policy
         * @description Update preheat policy
         */
        put: operations["UpdatePolicy"];
        /**
         * Manual preheat
         * @description Manual preheat
         */
        post: operations["ManualPreheat"];
        /**
         * Delete a preheat policy
         * @description Delete a preheat policy
         */
        delete: operations["DeletePolicy"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name}/preheat/policies/{preheat_policy_name}/executions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List executions for the given policy
         * @description List executions for the given policy
         */
        get: operations["ListExecutions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name}/preheat/policies/{preheat_policy_name}/executions/{execution_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a execution detail by id
         * @description Get a execution detail by id
         */
        get: operations["GetExecution"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Stop a execution
         * @description Stop a execution
         */
        patch: operations["StopExecution"];
        trace?: never;
    };
    "/projects/{project_name}/preheat/policies/{preheat_policy_name}/executions/{execution_id}/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List all the related tasks for the given execution
         * @description List all the related tasks for the given execution
         */
        get: operations["ListTasks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name}/preheat/policies/{preheat_policy_name}/executions/{execution_id}/tasks/{task_id}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the log text stream of the specified task for the given execution
         * @description Get the log text stream of the specified task for the given execution
         */
        get: operations["GetPreheatLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name}/preheat/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get all providers at project level
         * @description Get all providers at project level
         */
        get: operations["ListProvidersUnderProject"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name}/repositories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List repositories
         * @description List repositories of the specified project
         */
        get: operations["listRepositories"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name}/repositories/{repository_name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get repository
         * @description Get the repository specified by name
         */
        get: operations["getRepository"];
        /**
         * Update repository
         * @description Update the repository specified by name
         */
        put: operations["updateRepository"];
        post?: never;
        /**
         * Delete repository
         * @description Delete the repository specified by name
         */
        delete: operations["deleteRepository"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name}/repositories/{repository_name}/artifacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List artifacts
         * @description List artifacts under the specific project and repository. Except the basic properties, the other supported queries in "q" includes "tags=*" to list only tagged artifacts, "tags=nil" to list only untagged artifacts, "tags=~v" to list artifacts whose tag fuzzy matches "v", "tags=v" to list artifact whose tag exactly matches "v", "labels=(id1, id2)" to list artifacts that both labels with id1 and id2 are added to
         */
        get: operations["listArtifacts"];
        put?: never;
        /**
         * Copy artifact
         * @description Copy the artifact specified in the "from" parameter to the repository.
         */
        post: operations["CopyArtifact"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name}/repositories/{repository_name}/artifacts/{reference}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the specific artifact
         * @description Get the artifact specified by the reference under the project and repository. The reference can be digest or tag.
         */
        get: operations["getArtifact"];
        put?: never;
        post?: never;
        /**
         * Delete the specific artifact
         * @description Delete the artifact specified by the reference under the project and repository. The reference can be digest or tag
         */
        delete: operations["deleteArtifact"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name}/repositories/{repository_name}/artifacts/{reference}/accessories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List accessories
         * @description List accessories of the specific artifact
         */
        get: operations["listAccessories"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name}/repositories/{repository_name}/artifacts/{reference}/additions/{addition}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the addition of the specific artifact
         * @description Get the addition of the artifact specified by the reference under the project and repository.
         */
        get: operations["getAddition"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name}/repositories/{repository_name}/artifacts/{reference}/additions/vulnerabilities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the vulnerabilities addition of the specific artifact
         * @description Get the vulnerabilities addition of the artifact specified by the reference under the project and repository.
         */
        get: operations["getVulnerabilitiesAddition"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name}/repositories/{repository_name}/artifacts/{reference}/labels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add label to artifact
         * @description Add label to the specified artiact.
         */
        post: operations["addLabel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name}/repositories/{repository_name}/artifacts/{reference}/labels/{label_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove label from artifact
         * @description Remove the label from the specified artiact.
         */
        delete: operations["removeLabel"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name}/repositories/{repository_name}/artifacts/{reference}/scan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Scan the artifact
         * @description Scan the specified artifact
         */
        post: operations["scanArtifact"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name}/repositories/{repository_name}/artifacts/{reference}/scan/{report_id}/log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the log of the scan report
         * @description Get the log of the scan report
         */
        get: operations["getReportLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name}/repositories/{repository_name}/artifacts/{reference}/scan/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancelling a scan job for a particular artifact
         * @description Cancelling a scan job for a particular artifact
         */
        post: operations["stopScanArtifact"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name}/repositories/{repository_name}/artifacts/{reference}/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tags
         * @description List tags of the specific artifact
         */
        get: operations["listTags"];
        put?: never;
        /**
         * Create tag
         * @description Create a tag for the specified artifact
         */
        post: operations["createTag"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/projects/{project_name}/repositories/{repository_name}/artifacts/{reference}/tags/{tag_name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete tag
         * @description Delete the tag of the specified artifact
         */
        delete: operations["deleteTag"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/quotas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List quotas
         * @description List quotas
         */
        get: operations["listQuotas"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/quotas/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the specified quota
         * @description Get the specified quota
         */
        get: operations["getQuota"];
        /**
         * Update the specified quota
         * @description Update hard limits of the specified quota
         */
        put: operations["updateQuota"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/registries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the registries
         * @description List the registries
         */
        get: operations["listRegistries"];
        put?: never;
        /**
         * Create a registry
         * @description Create a registry
         */
        post: operations["createRegistry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/registries/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the specific registry
         * @description Get the specific registry
         */
        get: operations["getRegistry"];
        /**
         * Update the registry
         * @description Update the registry
         */
        put: operations["updateRegistry"];
        post?: never;
        /**
         * Delete the specific registry
         * @description Delete the specific registry
         */
        delete: operations["deleteRegistry"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/registries/{id}/info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the registry info
         * @description Get the registry info
         */
        get: operations["getRegistryInfo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/registries/ping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check status of a registry
         * @description Check status of a registry
         */
        post: operations["pingRegistry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/replication/adapterinfos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List all registered registry provider information
         * @description List all registered registry provider information
         */
        get: operations["listRegistryProviderInfos"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/replication/adapters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List registry adapters
         * @description List registry adapters
         */
        get: operations["listRegistryProviderTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/replication/executions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List replication executions
         * @description List replication executions
         */
        get: operations["listReplicationExecutions"];
        put?: never;
        /**
         * Start one replication execution
         * @description Start one replication execution according to the policy
         */
        post: operations["startReplication"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/replication/executions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the specific replication execution
         * @description Get the replication execution specified by ID
         */
        get: operations["getReplicationExecution"];
        /**
         * Stop the specific replication execution
         * @description Stop the replication execution specified by ID
         */
        put: operations["stopReplication"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/replication/executions/{id}/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List replication tasks for a specific execution
         * @description List replication tasks for a specific execution
         */
        get: operations["listReplicationTasks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/replication/executions/{id}/tasks/{task_id}/log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the log of the specific replication task
         * @description Get the log of the specific replication task
         */
        get: operations["getReplicationLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/replication/policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List replication policies
         * @description List replication policies
         */
        get: operations["listReplicationPolicies"];
        put?: never;
        /**
         * Create a replication policy
         * @description Create a replication policy
         */
        post: operations["createReplicationPolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/replication/policies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the specific replication policy
         * @description Get the specific replication policy
         */
        get: operations["getReplicationPolicy"];
        /**
         * Update the replication policy
         * @description Update the replication policy
         */
        put: operations["updateReplicationPolicy"];
        post?: never;
        /**
         * Delete the specific replication policy
         * @description Delete the specific replication policy
         */
        delete: operations["deleteReplicationPolicy"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/repositories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List all authorized repositories
         * @description List all authorized repositories
         */
        get: operations["listAllRepositories"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/retentions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create Retention Policy
         * @description Create Retention Policy, you can reference metadatas API for the policy model. You can check project metadatas to find whether a retention policy is already binded. This method should only be called when no retention policy binded to project yet.
         */
        post: operations["createRetention"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/retentions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Retention Policy
         * @description Get Retention Policy.
         */
        get: operations["getRetention"];
        /**
         * Update Retention Policy
         * @description Update Retention Policy, you can reference metadatas API for the policy model. You can check project metadatas to find whether a retention policy is already binded. This method should only be called when retention policy has already binded to project.
         */
        put: operations["updateRetention"];
        post?: never;
        /**
         * Delete Retention Policy
         * @description Delete Retention Policy, you can reference metadatas API for the policy model. You can check project metadatas to find whether a retention policy is already binded. This method should only be called when retention policy has already binded to project.
         */
        delete: operations["deleteRetention"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/retentions/{id}/executions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Retention executions
         * @description Get Retention executions, execution status may be delayed before job service schedule it up.
         */
        get: operations["listRetentionExecutions"];
        put?: never;
        /**
         * Trigger a Retention Execution
         * @description Trigger a Retention Execution, if dry_run is True, nothing would be deleted actually.
         */
        post: operations["triggerRetentionExecution"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/retentions/{id}/executions/{eid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Stop a Retention execution
         * @description Stop a Retention execution, only support "stop" action now.
         */
        patch: operations["operateRetentionExecution"];
        trace?: never;
    };
    "/retentions/{id}/executions/{eid}/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Retention tasks
         * @description Get Retention tasks, each repository as a task.
         */
        get: operations["listRetentionTasks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/retentions/{id}/executions/{eid}/tasks/{tid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Retention job task log
         * @description Get Retention job task log, tags ratain or deletion detail will be shown in a table.
         */
        get: operations["getRetentionTaskLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/retentions/metadatas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Retention Metadatas
         * @description Get Retention Metadatas.
         */
        get: operations["getRentenitionMetadata"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/robots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get robot account
         * @description List the robot accounts with the specified level and project.
         */
        get: operations["ListRobot"];
        put?: never;
        /**
         * Create a robot account
         * @description Create a robot account
         */
        post: operations["CreateRobot"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/robots/{robot_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a robot account
         * @description This endpoint returns specific robot account information by robot ID.
         */
        get: operations["GetRobotByID"];
        /**
         * Update a robot account
         * @description This endpoint updates specific robot account information by robot ID.
         */
        put: operations["UpdateRobot"];
        post?: never;
        /**
         * Delete a robot account
         * @description This endpoint deletes specific robot account information by robot ID.
         */
        delete: operations["DeleteRobot"];
        options?: never;
        head?: never;
        /**
         * Refresh the robot secret
         * @description Refresh the robot secret
         */
        patch: operations["RefreshSec"];
        trace?: never;
    };
    "/scanners": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List scanner registrations
         * @description Returns a list of currently configured scanner registrations.
         */
        get: operations["listScanners"];
        put?: never;
        /**
         * Create a scanner registration
         * @description Creats a new scanner registration with the given data.
         */
        post: operations["createScanner"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/scanners/{registration_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a scanner registration details
         * @description Retruns the details of the specified scanner registration.
         */
        get: operations["getScanner"];
        /**
         * Update a scanner registration
         * @description Updates the specified scanner registration.
         *
         *     If `access_credential` is omitted or empty in the request body and the registration still uses
         *     an authentication type that requires a credential (Basic, Bearer, or APIKey), the existing stored
         *     credential is left unchanged. Send a non-empty `access_credential` to set or rotate the secret.
         */
        put: operations["updateScanner"];
        post?: never;
        /**
         * Delete a scanner registration
         * @description Deletes the specified scanner registration.
         */
        delete: operations["deleteScanner"];
        options?: never;
        head?: never;
        /**
         * Set system default scanner registration
         * @description Set the specified scanner registration as the system default one.
         */
        patch: operations["setScannerAsDefault"];
        trace?: never;
    };
    "/scanners/{registration_id}/metadata": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the metadata of the specified scanner registration
         * @description Get the metadata of the specified scanner registration, including the capabilities and customized properties.
         */
        get: operations["getScannerMetadata"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/scanners/ping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Tests scanner registration settings
         * @description Pings scanner adapter to test endpoint URL and authorization settings.
         */
        post: operations["pingScanner"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/scans/all/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the metrics of the latest scan all process
         * @description Get the metrics of the latest scan all process
         */
        get: operations["getLatestScanAllMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/scans/schedule/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the metrics of the latest scheduled scan all process
         * @deprecated
         * @description Get the metrics of the latest scheduled scan all process
         */
        get: operations["getLatestScheduledScanAllMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schedules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description List schedules */
        get: operations["listSchedules"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schedules/{job_type}/paused": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Get scheduler paused status */
        get: operations["getSchedulePaused"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search for projects and repositories
         * @description The Search endpoint returns information about the projects and repositories offered at public status or related to the current logged in user. The response includes the project and repository list in a proper display order.
         */
        get: operations["search"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/security/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get vulnerability system summary
         * @description Retrieve the vulnerability summary of the system
         */
        get: operations["getSecuritySummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/security/vul": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the vulnerability list.
         * @description Get the vulnerability list. use q to pass the query condition,
         *     supported conditions:
         *     cve_id(exact match)
         *     cvss_score_v3(range condition)
         *     severity(exact match)
         *     status(exact match)
         *     repository_name(exact match)
         *     project_id(exact match)
         *     package(exact match)
         *     tag(exact match)
         *     digest(exact match)
         */
        get: operations["ListVulnerabilities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/statistics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the statistic information about the projects and repositories
         * @description Get the statistic information about the projects and repositories
         */
        get: operations["getStatistic"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/system/CVEAllowlist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the system level allowlist of CVE.
         * @description Get the system level allowlist of CVE.  This API can be called by all authenticated users.
         */
        get: operations["getSystemCVEAllowlist"];
        /**
         * Update the system level allowlist of CVE.
         * @description This API overwrites the system level allowlist of CVE with the list in request body.  Only system Admin has permission to call this API.
         */
        put: operations["putSystemCVEAllowlist"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/system/gc": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get gc results.
         * @description This endpoint let user get gc execution history.
         */
        get: operations["getGCHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/system/gc/{gc_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get gc status.
         * @description This endpoint let user get gc status filtered by specific ID.
         */
        get: operations["getGC"];
        /**
         * Stop the specific GC execution
         * @description Stop the GC execution specified by ID
         */
        put: operations["stopGC"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/system/gc/{gc_id}/log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get gc job log.
         * @description This endpoint let user get gc job logs filtered by specific ID.
         */
        get: operations["getGCLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/system/gc/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get gc's schedule.
         * @description This endpoint is for get schedule of gc job.
         */
        get: operations["getGCSchedule"];
        /**
         * Update gc's schedule.
         * @description This endpoint is for update gc schedule.
         */
        put: operations["updateGCSchedule"];
        /**
         * Create a gc schedule.
         * @description This endpoint is for update gc schedule.
         */
        post: operations["createGCSchedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/system/oidc/ping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test the OIDC endpoint.
         * @description Test the OIDC endpoint, the setting of the endpoint is provided in the request.  This API can only be called by system admin.
         */
        post: operations["pingOIDC"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/system/purgeaudit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get purge job results.
         * @description get purge job execution history.
         */
        get: operations["getPurgeHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/system/purgeaudit/{purge_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get purge job status.
         * @description This endpoint let user get purge job status filtered by specific ID.
         */
        get: operations["getPurgeJob"];
        /**
         * Stop the specific purge audit log execution
         * @description Stop the purge audit log execution specified by ID
         */
        put: operations["stopPurge"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/system/purgeaudit/{purge_id}/log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get purge job log.
         * @description This endpoint let user get purge job logs filtered by specific ID.
         */
        get: operations["getPurgeJobLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/system/purgeaudit/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get purge's schedule.
         * @description This endpoint is for get schedule of purge job.
         */
        get: operations["getPurgeSchedule"];
        /**
         * Update purge job's schedule.
         * @description This endpoint is for update purge job schedule.
         */
        put: operations["updatePurgeSchedule"];
        /**
         * Create a purge job schedule.
         * @description This endpoint is for update purge job schedule.
         */
        post: operations["createPurgeSchedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/system/scanAll/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get scan all's schedule.
         * @description This endpoint is for getting a schedule for the scan all job, which scans all of images in Harbor.
         */
        get: operations["getScanAllSchedule"];
        /**
         * Update scan all's schedule.
         * @description This endpoint is for updating the schedule of scan all job, which scans all of images in Harbor.
         */
        put: operations["updateScanAllSchedule"];
        /**
         * Create a schedule or a manual trigger for the scan all job.
         * @description This endpoint is for creating a schedule or a manual trigger for the scan all job, which scans all of images in Harbor.
         */
        post: operations["createScanAllSchedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/system/scanAll/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop scanAll job execution
         * @description Stop scanAll job execution
         */
        post: operations["stopScanAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/systeminfo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get general system info
         * @description This API is for retrieving general system info, this can be called by anonymous request.  Some attributes will be omitted in the response when this API is called by anonymous request.
         */
        get: operations["getSystemInfo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/systeminfo/getcert": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get default root certificate.
         * @description This endpoint is for downloading a default root certificate.
         */
        get: operations["getCert"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/systeminfo/volumes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get system volume info (total/free size).
         * @description This endpoint is for retrieving system volume info that only provides for admin user.  Note that the response only reflects the storage status of local disk.
         */
        get: operations["getVolumes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/usergroups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get all user groups information
         * @description Get all user groups information, it is open for system admin
         */
        get: operations["listUserGroups"];
        put?: never;
        /**
         * Create user group
         * @description Create user group information
         */
        post: operations["createUserGroup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/usergroups/{group_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get user group information
         * @description Get user group information
         */
        get: operations["getUserGroup"];
        /**
         * Update group information
         * @description Update user group information
         */
        put: operations["updateUserGroup"];
        post?: never;
        /**
         * Delete user group
         * @description Delete user group
         */
        delete: operations["deleteUserGroup"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/usergroups/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search groups by groupname
         * @description This endpoint is to search groups by group name.  It's open for all authenticated requests.
         */
        get: operations["searchUserGroups"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users */
        get: operations["listUsers"];
        put?: never;
        /**
         * Create a local user.
         * @description This API can be used only when the authentication mode is for local DB.  When self registration is disabled.
         */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a user's profile. */
        get: operations["getUser"];
        /** Update user's profile. */
        put: operations["updateUserProfile"];
        post?: never;
        /**
         * Mark a registered user as be removed.
         * @description This endpoint let administrator of Harbor mark a registered user as removed.It actually won't be deleted from DB.
         */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{user_id}/cli_secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set CLI secret for a user.
         * @description This endpoint let user generate a new CLI secret for himself.  This API only works when auth mode is set to 'OIDC'. Once this API returns with successful status, the old secret will be invalid, as there will be only one CLI secret for a user.
         */
        put: operations["setCliSecret"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{user_id}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Change the password on a user that already exists.
         * @description This endpoint is for user to update password. Users with the admin role can change any user's password. Regular users can change only their own password.
         */
        put: operations["updateUserPassword"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{user_id}/sysadmin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Update a registered user to change to be an administrator of Harbor. */
        put: operations["setUserSysAdmin"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get current user info. */
        get: operations["getCurrentUserInfo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/current/permissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get current user permissions. */
        get: operations["getCurrentUserPermissions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search users by username
         * @description This endpoint is to search the users by username.  It's open for all authenticated requests.
         */
        get: operations["searchUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Access: {
            /** @description The action of the access. Possible actions are *, pull, push, create, read, update, delete, list, operate, scanner-pull and stop. */
            action?: string;
            /** @description The effect of the access */
            effect?: string;
            /** @description The resource of the access. Possible resources are listed here for system and project level https://github.com/goharbor/harbor/blob/main/src/common/rbac/const.go */
            resource?: string;
        };
        /** @description The accessory of the artifact */
        Accessory: {
            /**
             * Format: int64
             * @description The artifact id of the accessory
             */
            artifact_id?: number;
            /**
             * Format: date-time
             * @description The creation time of the accessory
             */
            creation_time?: string;
            /** @description The artifact digest of the accessory */
            digest?: string;
            /** @description The icon of the accessory */
            icon?: string;
            /**
             * Format: int64
             * @description The ID of the accessory
             */
            id?: number;
            /**
             * Format: int64
             * @description The artifact size of the accessory
             */
            size?: number;
            /** @description The subject artifact digest of the accessory */
            subject_artifact_digest?: string;
            /**
             * Format: int64
             * @description Going to be deprecated, use repo and digest for insteand. The subject artifact id of the accessory.
             */
            subject_artifact_id?: number;
            /** @description The subject artifact repository name of the accessory */
            subject_artifact_repo?: string;
            /** @description The artifact size of the accessory */
            type?: string;
        };
        /** @description The request to stop, pause or resume */
        ActionRequest: {
            /**
             * @description The action of the request, should be stop, pause or resume
             * @enum {string}
             */
            action?: "stop" | "pause" | "resume";
        };
        AdditionLink: {
            /** @description Determine whether the link is an absolute URL or not */
            absolute?: boolean;
            /** @description The link of the addition */
            href?: string;
        };
        AdditionLinks: {
            [key: string]: components["schemas"]["AdditionLink"];
        };
        Annotations: {
            [key: string]: string;
        };
        Artifact: {
            accessories?: components["schemas"]["Accessory"][];
            addition_links?: components["schemas"]["AdditionLinks"];
            annotations?: components["schemas"]["Annotations"];
            /** @description The artifact_type in the manifest of the artifact */
            artifact_type?: string;
            /** @description The digest of the artifact */
            digest?: string;
            extra_attrs?: components["schemas"]["ExtraAttrs"];
            /** @description The digest of the icon */
            icon?: string;
            /**
             * Format: int64
             * @description The ID of the artifact
             */
            id?: number;
            labels?: components["schemas"]["Label"][];
            /** @description The manifest media type of the artifact */
            manifest_media_type?: string;
            /** @description The media type of the artifact */
            media_type?: string;
            /**
             * Format: int64
             * @description The ID of the project that the artifact belongs to
             */
            project_id?: number;
            /**
             * Format: date-time
             * @description The latest pull time of the artifact
             */
            pull_time?: string;
            /**
             * Format: date-time
             * @description The push time of the artifact
             */
            push_time?: string;
            references?: components["schemas"]["Reference"][];
            /**
             * Format: int64
             * @description The ID of the repository that the artifact belongs to
             */
            repository_id?: number;
            /** @description The name of the repository that the artifact belongs to */
            repository_name?: string;
            sbom_overview?: components["schemas"]["SBOMOverview"];
            scan_overview?: components["schemas"]["ScanOverview"];
            /**
             * Format: int64
             * @description The size of the artifact
             */
            size?: number;
            tags?: components["schemas"]["Tag"][];
            /** @description The type of the artifact, e.g. image, chart, etc */
            type?: string;
        };
        AuditLog: {
            /** @description The ID of the audit log entry. */
            id?: number;
            /**
             * Format: date-time
             * @description The time when this operation is triggered.
             * @example 2006-01-02T15:04:05Z
             */
            op_time?: string;
            /** @description The operation against the repository in this log entry. */
            operation?: string;
            /** @description Name of the repository in this log entry. */
            resource?: string;
            /** @description Tag of the repository in this log entry. */
            resource_type?: string;
            /** @description Username of the user in this log entry. */
            username?: string;
        };
        AuditLogEventType: {
            /**
             * @description the event type, such as create_user.
             * @example create_user
             */
            event_type?: string;
        };
        AuditLogExt: {
            /** @description The ID of the audit log entry. */
            id?: number;
            /**
             * Format: date-time
             * @description The time when this operation is triggered.
             * @example 2006-01-02T15:04:05Z
             */
            op_time?: string;
            /** @description The operation against the resource in this log entry. */
            operation?: string;
            /** @description The operation's detail description */
            operation_description?: string;
            /** @description the operation's result, true for success, false for fail */
            operation_result?: boolean;
            /** @description Name of the resource in this log entry. */
            resource?: string;
            /** @description Type of the resource in this log entry. */
            resource_type?: string;
            /** @description The username of the operator in this log entry. */
            username?: string;
        };
        AuthproxySetting: {
            /** @description The fully qualified URI of login endpoint of authproxy, such as 'https://192.168.1.2:8443/login' */
            endpoint?: string;
            /** @description The certificate to be pinned when connecting auth proxy. */
            server_certificate?: string;
            /** @description The flag to determine whether Harbor can skip search the user/group when adding him as a member. */
            skip_search?: boolean;
            /** @description The fully qualified URI of token review endpoint of authproxy, such as 'https://192.168.1.2:8443/tokenreview' */
            tokenreivew_endpoint?: string;
            /** @description The flag to determine whether Harbor should verify the certificate when connecting to the auth proxy. */
            verify_cert?: boolean;
        };
        BoolConfigItem: {
            /** @description The configure item can be updated or not */
            editable?: boolean;
            /** @description The boolean value of current config item */
            value?: boolean;
        };
        /** @description The health status of component */
        ComponentHealthStatus: {
            /** @description (optional) The error message when the status is "unhealthy" */
            error?: string;
            /** @description The component name */
            name?: string;
            /** @description The health status of component. Is either "healthy" or "unhealthy". */
            status?: string;
        };
        Configurations: {
            /** @description The audit log forward endpoint */
            audit_log_forward_endpoint?: string;
            /** @description The auth mode of current system, such as "db_auth", "ldap_auth", "oidc_auth" */
            auth_mode?: string;
            /** @description The banner message for the UI.It is the stringified result of the banner message object */
            banner_message?: string;
            /** @description the list to disable log audit event types. */
            disabled_audit_log_event_types?: string;
            /** @description The group which has the harbor admin privileges */
            http_authproxy_admin_groups?: string;
            /** @description The username which has the harbor admin privileges */
            http_authproxy_admin_usernames?: string;
            /** @description The endpoint of the HTTP auth */
            http_authproxy_endpoint?: string;
            /** @description The certificate of the HTTP auth provider */
            http_authproxy_server_certificate?: string;
            /** @description Search user before onboard */
            http_authproxy_skip_search?: boolean;
            /** @description The token review endpoint */
            http_authproxy_tokenreview_endpoint?: string;
            /** @description Verify the HTTP auth provider's certificate */
            http_authproxy_verify_cert?: boolean;
            /** @description The Base DN for LDAP binding. */
            ldap_base_dn?: string;
            /** @description The filter for LDAP search */
            ldap_filter?: string;
            /** @description Specify the ldap group which have the same privilege with Harbor admin */
            ldap_group_admin_dn?: string;
            /** @description Attach LDAP user group information in parallel, the parallel worker count is 5 */
            ldap_group_attach_parallel?: boolean;
            /** @description The attribute which is used as identity of the LDAP group, default is cn.' */
            ldap_group_attribute_name?: string;
            /** @description The base DN to search LDAP group. */
            ldap_group_base_dn?: string;
            /** @description The user attribute to identify the group membership */
            ldap_group_membership_attribute?: string;
            /** @description The filter to search the ldap group */
            ldap_group_search_filter?: string;
            /** @description The scope to search ldap group. ''0-LDAP_SCOPE_BASE, 1-LDAP_SCOPE_ONELEVEL, 2-LDAP_SCOPE_SUBTREE'' */
            ldap_group_search_scope?: number;
            /** @description The scope to search ldap users,'0-LDAP_SCOPE_BASE, 1-LDAP_SCOPE_ONELEVEL, 2-LDAP_SCOPE_SUBTREE' */
            ldap_scope?: number;
            /** @description The DN of the user to do the search. */
            ldap_search_dn?: string;
            /** @description The password of the ldap search dn */
            ldap_search_password?: string;
            /** @description Timeout in seconds for connection to LDAP server */
            ldap_timeout?: number;
            /** @description The attribute which is used as identity for the LDAP binding, such as "CN" or "SAMAccountname" */
            ldap_uid?: string;
            /** @description The URL of LDAP server */
            ldap_url?: string;
            /** @description Whether verify your OIDC server certificate, disable it if your OIDC server is hosted via self-hosted certificate. */
            ldap_verify_cert?: boolean;
            /** @description Enable notification */
            notification_enable?: boolean;
            /** @description The OIDC group which has the harbor admin privileges */
            oidc_admin_group?: string;
            /** @description Auto onboard the OIDC user */
            oidc_auto_onboard?: boolean;
            /** @description The client ID of the OIDC provider */
            oidc_client_id?: string;
            /** @description The OIDC provider secret */
            oidc_client_secret?: string;
            /** @description The endpoint of the OIDC provider */
            oidc_endpoint?: string;
            /** @description Extra parameters to add when redirect request to OIDC provider */
            oidc_extra_redirect_parms?: string;
            /** @description The OIDC group filter which filters out the group name doesn't match the regular expression */
            oidc_group_filter?: string;
            /** @description The attribute claims the group name */
            oidc_groups_claim?: string;
            /** @description Logout OIDC user session */
            oidc_logout?: boolean;
            /** @description The OIDC provider name */
            oidc_name?: string;
            /** @description The scope of the OIDC provider */
            oidc_scope?: string;
            /** @description The attribute claims the username */
            oidc_user_claim?: string;
            /** @description Verify the OIDC provider's certificate' */
            oidc_verify_cert?: boolean;
            /** @description The flag to indicate whether the current auth mode should consider as a primary one. */
            primary_auth_mode?: boolean | null;
            /** @description Indicate who can create projects, it could be ''adminonly'' or ''everyone''. */
            project_creation_restriction?: string;
            /** @description Enable quota per project */
            quota_per_project_enable?: boolean;
            /** @description The flag to indicate whether Harbor is in readonly mode. */
            read_only?: boolean;
            /** @description The rebot account name prefix */
            robot_name_prefix?: string;
            /** @description The robot account token duration in days */
            robot_token_duration?: number;
            /** @description Whether or not to skip update pull time for scanner */
            scanner_skip_update_pulltime?: boolean;
            /** @description Whether the Harbor instance supports self-registration.  If it''s set to false, admin need to add user to the instance. */
            self_registration?: boolean;
            /** @description The session timeout for harbor, in minutes. */
            session_timeout?: number;
            /** @description Skip audit log database */
            skip_audit_log_database?: boolean;
            /** @description The storage quota per project */
            storage_per_project?: number;
            /** @description The expiration time of the token for internal Registry, in minutes. */
            token_expiration?: number;
            /** @description The client id of UAA */
            uaa_client_id?: string;
            /** @description The client secret of the UAA */
            uaa_client_secret?: string;
            /** @description The endpoint of the UAA */
            uaa_endpoint?: string;
            /** @description Verify the certificate in UAA server */
            uaa_verify_cert?: boolean;
        };
        ConfigurationsResponse: {
            audit_log_forward_endpoint?: components["schemas"]["StringConfigItem"];
            auth_mode?: components["schemas"]["StringConfigItem"];
            banner_message?: components["schemas"]["StringConfigItem"];
            disabled_audit_log_event_types?: components["schemas"]["StringConfigItem"];
            http_authproxy_admin_groups?: components["schemas"]["StringConfigItem"];
            http_authproxy_admin_usernames?: components["schemas"]["StringConfigItem"];
            http_authproxy_endpoint?: components["schemas"]["StringConfigItem"];
            http_authproxy_server_certificate?: components["schemas"]["StringConfigItem"];
            http_authproxy_skip_search?: components["schemas"]["BoolConfigItem"];
            http_authproxy_tokenreview_endpoint?: components["schemas"]["StringConfigItem"];
            http_authproxy_verify_cert?: components["schemas"]["BoolConfigItem"];
            ldap_base_dn?: components["schemas"]["StringConfigItem"];
            ldap_filter?: components["schemas"]["StringConfigItem"];
            ldap_group_admin_dn?: components["schemas"]["StringConfigItem"];
            ldap_group_attach_parallel?: components["schemas"]["BoolConfigItem"];
            ldap_group_attribute_name?: components["schemas"]["StringConfigItem"];
            ldap_group_base_dn?: components["schemas"]["StringConfigItem"];
            ldap_group_membership_attribute?: components["schemas"]["StringConfigItem"];
            ldap_group_search_filter?: components["schemas"]["StringConfigItem"];
            ldap_group_search_scope?: components["schemas"]["IntegerConfigItem"];
            ldap_scope?: components["schemas"]["IntegerConfigItem"];
            ldap_search_dn?: components["schemas"]["StringConfigItem"];
            ldap_timeout?: components["schemas"]["IntegerConfigItem"];
            ldap_uid?: components["schemas"]["StringConfigItem"];
            ldap_url?: components["schemas"]["StringConfigItem"];
            ldap_verify_cert?: components["schemas"]["BoolConfigItem"];
            notification_enable?: components["schemas"]["BoolConfigItem"];
            oidc_admin_group?: components["schemas"]["StringConfigItem"];
            oidc_auto_onboard?: components["schemas"]["BoolConfigItem"];
            oidc_client_id?: components["schemas"]["StringConfigItem"];
            oidc_endpoint?: components["schemas"]["StringConfigItem"];
            oidc_extra_redirect_parms?: components["schemas"]["StringConfigItem"];
            oidc_group_filter?: components["schemas"]["StringConfigItem"];
            oidc_groups_claim?: components["schemas"]["StringConfigItem"];
            oidc_logout?: components["schemas"]["BoolConfigItem"];
            oidc_name?: components["schemas"]["StringConfigItem"];
            oidc_scope?: components["schemas"]["StringConfigItem"];
            oidc_user_claim?: components["schemas"]["StringConfigItem"];
            oidc_verify_cert?: components["schemas"]["BoolConfigItem"];
            primary_auth_mode?: components["schemas"]["BoolConfigItem"];
            project_creation_restriction?: components["schemas"]["StringConfigItem"];
            quota_per_project_enable?: components["schemas"]["BoolConfigItem"];
            read_only?: components["schemas"]["BoolConfigItem"];
            robot_name_prefix?: components["schemas"]["StringConfigItem"];
            robot_token_duration?: components["schemas"]["IntegerConfigItem"];
            scan_all_policy?: {
                /** @description The parameters of the policy, the values are dependent on the type of the policy. */
                parameter?: {
                    /** @description The offset in seconds of UTC 0 o'clock, only valid when the policy type is "daily" */
                    daily_time?: number;
                };
                /** @description The type of scan all policy, currently the valid values are "none" and "daily" */
                type?: string;
            };
            scanner_skip_update_pulltime?: components["schemas"]["BoolConfigItem"];
            self_registration?: components["schemas"]["BoolConfigItem"];
            session_timeout?: components["schemas"]["IntegerConfigItem"];
            skip_audit_log_database?: components["schemas"]["BoolConfigItem"];
            storage_per_project?: components["schemas"]["IntegerConfigItem"];
            token_expiration?: components["schemas"]["IntegerConfigItem"];
            uaa_client_id?: components["schemas"]["StringConfigItem"];
            uaa_client_secret?: components["schemas"]["StringConfigItem"];
            uaa_endpoint?: components["schemas"]["StringConfigItem"];
            uaa_verify_cert?: components["schemas"]["BoolConfigItem"];
        };
        /** @description The CVE Allowlist for system or project */
        CVEAllowlist: {
            /**
             * Format: date-time
             * @description The creation time of the allowlist.
             */
            creation_time?: string;
            /** @description the time for expiration of the allowlist, in the form of seconds since epoch.  This is an optional attribute, if it's not set the CVE allowlist does not expire. */
            expires_at?: number | null;
            /** @description ID of the allowlist */
            id?: number;
            items?: components["schemas"]["CVEAllowlistItem"][];
            /** @description ID of the project which the allowlist belongs to.  For system level allowlist this attribute is zero. */
            project_id?: number;
            /**
             * Format: date-time
             * @description The update time of the allowlist.
             */
            update_time?: string;
        };
        /** @description The item in CVE allowlist */
        CVEAllowlistItem: {
            /** @description The ID of the CVE, such as "CVE-2019-10164" */
            cve_id?: string;
        };
        /** @description the dangerous artifact information */
        DangerousArtifact: {
            /** @description the count of critical vulnerabilities */
            critical_cnt?: number;
            /** @description the digest of the artifact */
            digest?: string;
            /**
             * Format: int64
             * @description the count of high vulnerabilities
             */
            high_cnt?: number;
            /** @description the count of medium vulnerabilities */
            medium_cnt?: number;
            /**
             * Format: int64
             * @description the project id of the artifact
             */
            project_id?: number;
            /** @description the repository name of the artifact */
            repository_name?: string;
        };
        /** @description the dangerous CVE information */
        DangerousCVE: {
            /** @description the cve id */
            cve_id?: string;
            /**
             * Format: float64
             * @description the cvss score v3
             */
            cvss_score_v3?: number;
            /** @description the description of the CVE */
            desc?: string;
            /** @description the package of the CVE */
            package?: string;
            /** @description the severity of the CVE */
            severity?: string;
            /** @description the version of the package */
            version?: string;
        };
        /** @description a model for all the error response coming from harbor */
        Error: {
            /** @description The error code */
            code?: string;
            /** @description The error message */
            message?: string;
        };
        /** @description The error array that describe the errors got during the handling of request */
        Errors: {
            errors?: components["schemas"]["Error"][];
        };
        /**
         * @description Webhook supported event type.
         * @example PULL_ARTIFACT
         */
        EventType: string;
        ExecHistory: {
            /**
             * Format: date-time
             * @description the creation time of purge job.
             */
            creation_time?: string;
            /** @description if purge job was deleted. */
            deleted?: boolean;
            /** @description the id of purge job. */
            id?: number;
            /** @description the job kind of purge job. */
            job_kind?: string;
            /** @description the job name of purge job. */
            job_name?: string;
            /** @description the job parameters of purge job. */
            job_parameters?: string;
            /** @description the status of purge job. */
            job_status?: string;
            schedule?: components["schemas"]["ScheduleObj"];
            /**
             * Format: date-time
             * @description the update time of purge job.
             */
            update_time?: string;
        };
        Execution: {
            /** @description The end time of execution */
            end_time?: string;
            extra_attrs?: components["schemas"]["ExtraAttrs"];
            /** @description The ID of execution */
            id?: number;
            metrics?: components["schemas"]["Metrics"];
            /** @description The start time of execution */
            start_time?: string;
            /** @description The status of execution */
            status?: string;
            /** @description The status message of execution */
            status_message?: string;
            /** @description The trigger of execution */
            trigger?: string;
            /** @description The vendor id of execution */
            vendor_id?: number;
            /** @description The vendor type of execution */
            vendor_type?: string;
        };
        ExtraAttrs: {
            [key: string]: Record<string, never>;
        };
        /** @description The style of the resource filter */
        FilterStyle: {
            /** @description The filter style */
            style?: string;
            /** @description The filter type */
            type?: string;
            /** @description The filter values */
            values?: string[];
        };
        GCHistory: {
            /**
             * Format: date-time
             * @description the creation time of gc job.
             */
            creation_time?: string;
            /** @description if gc job was deleted. */
            deleted?: boolean;
            /** @description the id of gc job. */
            id?: number;
            /** @description the job kind of gc job. */
            job_kind?: string;
            /** @description the job name of gc job. */
            job_name?: string;
            /** @description the job parameters of gc job. */
            job_parameters?: string;
            /** @description the status of gc job. */
            job_status?: string;
            schedule?: components["schemas"]["ScheduleObj"];
            /**
             * Format: date-time
             * @description the update time of gc job.
             */
            update_time?: string;
        };
        GeneralInfo: {
            /** @description The auth mode of current Harbor instance. */
            auth_mode?: string | null;
            authproxy_settings?: components["schemas"]["AuthproxySetting"];
            /**
             * @description The banner message for the UI. It is the stringified result of the banner message object.
             * @example {"closable":true,"message":"your banner message content","type":"warning","fromDate":"06/19/2023","toDate":"06/21/2023"}
             */
            banner_message?: string | null;
            /**
             * Format: date-time
             * @description The current time of the server.
             */
            current_time?: string | null;
            /** @description The external URL of Harbor, with protocol. */
            external_url?: string | null;
            /** @description The build version of Harbor. */
            harbor_version?: string | null;
            /** @description Indicate whether there is a ca root cert file ready for download in the file system. */
            has_ca_root?: boolean | null;
            /** @description The flag to indicate whether notification mechanism is enabled on Harbor instance. */
            notification_enable?: boolean | null;
            /** @description The OIDC provider name, empty if current auth is not OIDC_auth or OIDC provider is not configured. */
            oidc_provider_name?: string | null;
            /** @description The flag to indicate whether the current auth mode should consider as a primary one. */
            primary_auth_mode?: boolean | null;
            /** @description Indicate who can create projects, it could be 'adminonly' or 'everyone'. */
            project_creation_restriction?: string | null;
            /** @description The flag to indicate whether Harbor is in readonly mode. */
            read_only?: boolean | null;
            /** @description The storage provider's name of Harbor registry */
            registry_storage_provider_name?: string | null;
            /** @description The url of registry against which the docker command should be issued. */
            registry_url?: string | null;
            /** @description Indicate whether the Harbor instance enable user to register himself. */
            self_registration?: boolean | null;
        };
        Icon: {
            /** @description The base64 encoded content of the icon */
            content?: string;
            /** @description The content type of the icon */
            "content-type"?: string;
        };
        ImmutableRule: {
            action?: string;
            disabled?: boolean;
            id?: number;
            params?: {
                [key: string]: Record<string, never>;
            };
            priority?: number;
            scope_selectors?: {
                [key: string]: components["schemas"]["ImmutableSelector"][];
            };
            tag_selectors?: components["schemas"]["ImmutableSelector"][];
            template?: string;
        };
        ImmutableSelector: {
            decoration?: string;
            extras?: string;
            kind?: string;
            pattern?: string;
        };
        Instance: {
            /**
             * @description The auth credential data if it exists.
             *
             *     When updating an instance (PUT `/p2p/preheat/instances/{preheat_instance_name}`), if this object
             *     is omitted or empty and `auth_mode` is not `NONE`, the previously stored credentials are kept.
             */
            auth_info?: {
                [key: string]: string;
            };
            /** @description The authentication way supported */
            auth_mode?: string;
            /** @description Whether the instance is default or not */
            default?: boolean;
            /** @description Description of instance */
            description?: string;
            /** @description Whether the instance is activated or not */
            enabled?: boolean;
            /** @description The service endpoint of this instance */
            endpoint?: string;
            /** @description Unique ID */
            id?: number;
            /** @description Whether the instance endpoint is insecure or not */
            insecure?: boolean;
            /** @description Instance name */
            name?: string;
            /**
             * Format: int64
             * @description The timestamp of instance setting up
             */
            setup_timestamp?: number;
            /** @description The health status */
            status?: string;
            /** @description Based on which driver, identified by ID */
            vendor?: string;
        };
        IntegerConfigItem: {
            /** @description The configure item can be updated or not */
            editable?: boolean;
            /** @description The integer value of current config item */
            value?: number;
        };
        InternalConfigurationsResponse: {
            [key: string]: components["schemas"]["InternalConfigurationValue"];
        };
        InternalConfigurationValue: {
            /** @description The configure item can be updated or not */
            editable?: boolean;
            /** @description The value of current config item */
            value?: Record<string, never>;
        };
        IsDefault: {
            /** @description A flag indicating whether a scanner registration is default. */
            is_default?: boolean;
        };
        /** @description the job queue info */
        JobQueue: {
            /** @description The count of jobs in the job queue */
            count?: number;
            /** @description The type of the job queue */
            job_type?: string;
            /** @description The latency the job queue (seconds) */
            latency?: number;
            /** @description The paused status of the job queue */
            paused?: boolean;
        };
        Label: {
            /** @description The color the label */
            color?: string;
            /**
             * Format: date-time
             * @description The creation time the label
             */
            creation_time?: string;
            /** @description The description the label */
            description?: string;
            /**
             * Format: int64
             * @description The ID of the label
             */
            id?: number;
            /** @description The name the label */
            name?: string;
            /**
             * Format: int64
             * @description The ID of project that the label belongs to
             */
            project_id?: number;
            /** @description The scope the label */
            scope?: string;
            /**
             * Format: date-time
             * @description The update time of the label
             */
            update_time?: string;
        };
        /** @description The ldap configure properties */
        LdapConf: {
            /** @description The base dn of ldap service. */
            ldap_base_dn?: string;
            /**
             * Format: int64
             * @description The connect timeout of ldap service(second).
             */
            ldap_connection_timeout?: number;
            /** @description The serach filter of ldap service. */
            ldap_filter?: string;
            /**
             * Format: int64
             * @description The serach scope of ldap service.
             */
            ldap_scope?: number;
            /** @description The search dn of ldap service. */
            ldap_search_dn?: string;
            /** @description The search password of ldap service. */
            ldap_search_password?: string;
            /** @description The serach uid from ldap service attributes. */
            ldap_uid?: string;
            /** @description The url of ldap service. */
            ldap_url?: string;
            /** @description Verify Ldap server certificate. */
            ldap_verify_cert?: boolean;
        };
        LdapFailedImportUser: {
            /** @description fail reason. */
            error?: string;
            /** @description the uid can't add to system. */
            uid?: string;
        };
        LdapImportUsers: {
            /** @description selected uid list */
            ldap_uid_list?: string[];
        };
        /** @description The ldap ping result */
        LdapPingResult: {
            /** @description The ping operation output message. */
            message?: string;
            /** @description Test success */
            success?: boolean;
        };
        LdapUser: {
            /** @description The user email address from "mail" or "email" attribute. */
            email?: string;
            /** @description The user realname from "uid" or "cn" attribute. */
            realname?: string;
            /** @description ldap username. */
            username?: string;
        };
        Metadata: {
            /** @description icon */
            icon?: string;
            /** @description id */
            id?: string;
            /** @description maintainers */
            maintainers?: string[];
            /** @description name */
            name?: string;
            /** @description source */
            source?: string;
            /** @description version */
            version?: string;
        };
        Metrics: {
            /** @description The count of error task */
            error_task_count?: number;
            /** @description The count of pending task */
            pending_task_count?: number;
            /** @description The count of running task */
            running_task_count?: number;
            /** @description The count of scheduled task */
            scheduled_task_count?: number;
            /** @description The count of stopped task */
            stopped_task_count?: number;
            /** @description The count of success task */
            success_task_count?: number;
            /** @description The count of task */
            task_count?: number;
        };
        /** @description The summary for the native report */
        NativeReportSummary: {
            /**
             * @description The complete percent of the scanning which value is between 0 and 100
             * @example 100
             */
            complete_percent?: number;
            /**
             * Format: int64
             * @description The seconds spent for generating the report
             * @example 300
             */
            duration?: number;
            /**
             * Format: date-time
             * @description The end time of the scan process that generating report
             * @example 2006-01-02T15:04:05Z
             */
            end_time?: string;
            /**
             * @description id of the native scan report
             * @example 5f62c830-f996-11e9-957f-0242c0a89008
             */
            report_id?: string;
            /**
             * @description The status of the report generating process
             * @example Success
             */
            scan_status?: string;
            scanner?: components["schemas"]["Scanner"];
            /**
             * @description The overall severity
             * @example High
             */
            severity?: string;
            /**
             * Format: date-time
             * @description The start time of the scan process that generating report
             * @example 2006-01-02T14:04:05Z
             */
            start_time?: string;
            summary?: components["schemas"]["VulnerabilitySummary"];
        };
        /** @description The request body for creating a tag */
        NewTag: {
            /** @description The name of the tag */
            name: string;
        };
        /**
         * @description Webhook supported notify type.
         * @example http
         */
        NotifyType: string;
        OIDCCliSecretReq: {
            /** @description The new secret */
            secret?: string;
        };
        OIDCUserInfo: {
            /**
             * Format: date-time
             * @description The creation time of the OIDC user info record.
             */
            creation_time?: string;
            /**
             * Format: int
             * @description the ID of the OIDC info record
             */
            id?: number;
            /** @description the secret of the OIDC user that can be used for CLI to push/pull artifacts */
            secret?: string;
            /** @description the concatenation of sub and issuer in the ID token */
            subiss?: string;
            /**
             * Format: date-time
             * @description The update time of the OIDC user info record.
             */
            update_time?: string;
            /**
             * Format: int
             * @description the ID of the user
             */
            user_id?: number;
        };
        /** @description The system health status */
        OverallHealthStatus: {
            components?: components["schemas"]["ComponentHealthStatus"][];
            /** @description The overall health status. It is "healthy" only when all the components' status are "healthy" */
            status?: string;
        };
        PasswordReq: {
            /** @description New password for marking as to be updated. */
            new_password?: string;
            /** @description The user's existing password. */
            old_password?: string;
        };
        /** @description Webhook supported payload format type collections. */
        PayloadFormat: {
            /** @description The supported payload formats for this notify type. */
            formats?: components["schemas"]["PayloadFormatType"][];
            notify_type?: components["schemas"]["NotifyType"];
        };
        /**
         * @description The type of webhook paylod format.
         * @example CloudEvents
         */
        PayloadFormatType: string;
        Permission: {
            /** @description The permission action */
            action?: string;
            /** @description The permission resoruce */
            resource?: string;
        };
        Permissions: {
            /** @description The project level permissions */
            project?: components["schemas"]["Permission"][];
            /** @description The system level permissions */
            system?: components["schemas"]["Permission"][];
        };
        Platform: {
            /** @description The features of the OS that the artifact applys to */
            "'os.features'"?: string[];
            /** @description The version of the OS that the artifact applys to */
            "'os.version'"?: string;
            /** @description The architecture that the artifact applys to */
            architecture?: string;
            /** @description The OS that the artifact applys to */
            os?: string;
            /** @description The variant of the CPU */
            variant?: string;
        };
        PreheatPolicy: {
            /**
             * Format: date-time
             * @description The Create Time of preheat policy
             */
            creation_time?: string;
            /** @description The Description of preheat policy */
            description?: string;
            /** @description Whether the preheat policy enabled */
            enabled?: boolean;
            /** @description The extra attributes of preheat policy */
            extra_attrs?: string;
            /** @description The Filters of preheat policy */
            filters?: string;
            /** @description The ID of preheat policy */
            id?: number;
            /** @description The Name of preheat policy */
            name?: string;
            /** @description The ID of preheat policy project */
            project_id?: number;
            /** @description The ID of preheat policy provider */
            provider_id?: number;
            /** @description The Name of preheat policy provider */
            provider_name?: string;
            /** @description The Trigger of preheat policy */
            trigger?: string;
            /**
             * Format: date-time
             * @description The Update Time of preheat policy
             */
            update_time?: string;
        };
        Project: {
            /**
             * Format: date-time
             * @description The creation time of the project.
             */
            creation_time?: string;
            /** @description The role ID with highest permission of the current user who triggered the API (for UI).  This attribute is deprecated and will be removed in future versions. */
            current_user_role_id?: number;
            /** @description The list of role ID of the current user who triggered the API (for UI) */
            current_user_role_ids?: number[];
            cve_allowlist?: components["schemas"]["CVEAllowlist"];
            /** @description A deletion mark of the project. */
            deleted?: boolean;
            metadata?: components["schemas"]["ProjectMetadata"];
            /** @description The name of the project. */
            name?: string;
            /**
             * Format: int32
             * @description The owner ID of the project always means the creator of the project.
             */
            owner_id?: number;
            /** @description The owner name of the project. */
            owner_name?: string;
            /**
             * Format: int32
             * @description Project ID
             */
            project_id?: number;
            /**
             * Format: int64
             * @description The ID of referenced registry when the project is a proxy cache project.
             */
            registry_id?: number;
            /** @description The number of the repositories under this project. */
            repo_count?: number;
            /** @description Correspond to the UI about whether the project's publicity is  updatable (for UI) */
            togglable?: boolean;
            /**
             * Format: date-time
             * @description The update time of the project.
             */
            update_time?: string;
        };
        ProjectDeletable: {
            /** @description Whether the project can be deleted. */
            deletable?: boolean;
            /** @description The detail message when the project can not be deleted. */
            message?: string;
        };
        ProjectMember: {
            member_group?: components["schemas"]["UserGroup"];
            member_user?: components["schemas"]["UserEntity"];
            /** @description The role id 1 for projectAdmin, 2 for developer, 3 for guest, 4 for maintainer */
            role_id?: number;
        };
        ProjectMemberEntity: {
            /** @description the id of entity, if the member is a user, it is user_id in user table. if the member is a user group, it is the user group's ID in user_group table. */
            entity_id?: number;
            /** @description the name of the group member. */
            entity_name?: string;
            /** @description the entity's type, u for user entity, g for group entity. */
            entity_type?: string;
            /** @description the project member id */
            id?: number;
            /** @description the project id */
            project_id?: number;
            /** @description the role id */
            role_id?: number;
            /** @description the name of the role */
            role_name?: string;
        };
        ProjectMetadata: {
            /** @description Whether generating SBOM automatically when pushing a subject artifact. The valid values are "true", "false". */
            auto_sbom_generation?: string | null;
            /** @description Whether scan images automatically when pushing. The valid values are "true", "false". */
            auto_scan?: string | null;
            /** @description Whether content trust is enabled or not. If it is enabled, user can't pull unsigned images from this project. The valid values are "true", "false". */
            enable_content_trust?: string | null;
            /** @description Whether cosign content trust is enabled or not. If it is enabled, user can't pull images without cosign signature from this project. The valid values are "true", "false". */
            enable_content_trust_cosign?: string | null;
            /** @description The max connection per artifact to the upstream registry in current proxy cache project, if it is -1, no limit to upstream registry connections */
            max_upstream_conn?: string | null;
            /** @description Whether prevent the vulnerable images from running. The valid values are "true", "false". */
            prevent_vul?: string | null;
            /** @description Whether to serve images from local cache when they are removed from the upstream registry. The valid values are "true", "false". */
            proxy_cache_local_on_not_found?: string | null;
            /** @description The bandwidth limit of proxy cache, in Kbps (kilobits per second). It limits the communication between Harbor and the upstream registry, not the client and the Harbor. */
            proxy_speed_kb?: string | null;
            /** @description The public status of the project. The valid values are "true", "false". */
            public?: string;
            /** @description The ID of the tag retention policy for the project */
            retention_id?: string | null;
            /**
             * @description Whether this project reuse the system level CVE allowlist as the allowlist of its own. The valid values are "true", "false".
             *     If it is set to "true" the actual allowlist associate with this project, if any, will be ignored.
             */
            reuse_sys_cve_allowlist?: string | null;
            /** @description If the vulnerability is high than severity defined here, the images can't be pulled. The valid values are "none", "low", "medium", "high", "critical". */
            severity?: string | null;
        };
        ProjectReq: {
            cve_allowlist?: components["schemas"]["CVEAllowlist"];
            metadata?: components["schemas"]["ProjectMetadata"];
            /** @description The name of the project. */
            project_name?: string;
            /** @description deprecated, reserved for project creation in replication */
            public?: boolean | null;
            /**
             * Format: int64
             * @description The ID of referenced registry when creating the proxy cache project
             */
            registry_id?: number | null;
            /**
             * Format: int64
             * @description The storage quota of the project.
             */
            storage_limit?: number | null;
        };
        ProjectScanner: {
            /** @description The identifier of the scanner registration */
            uuid: string;
        };
        ProjectSummary: {
            /** @description The total number of developer members. */
            developer_count?: number;
            /** @description The total number of guest members. */
            guest_count?: number;
            /** @description The total number of limited guest members. */
            limited_guest_count?: number;
            /** @description The total number of maintainer members. */
            maintainer_count?: number;
            /** @description The total number of project admin members. */
            project_admin_count?: number;
            quota?: components["schemas"]["ProjectSummaryQuota"];
            registry?: components["schemas"]["Registry"];
            /** @description The number of the repositories under this project. */
            repo_count?: number;
        };
        ProjectSummaryQuota: {
            hard?: components["schemas"]["ResourceList"];
            used?: components["schemas"]["ResourceList"];
        };
        ProviderUnderProject: {
            default?: boolean;
            enabled?: boolean;
            id?: number;
            provider?: string;
        };
        /** @description The quota object */
        Quota: {
            /**
             * Format: date-time
             * @description the creation time of the quota
             */
            creation_time?: string;
            hard?: components["schemas"]["ResourceList"];
            /** @description ID of the quota */
            id?: number;
            ref?: components["schemas"]["QuotaRefObject"];
            /**
             * Format: date-time
             * @description the update time of the quota
             */
            update_time?: string;
            used?: components["schemas"]["ResourceList"];
        };
        QuotaRefObject: {
            [key: string]: unknown;
        };
        QuotaUpdateReq: {
            hard?: components["schemas"]["ResourceList"];
        };
        Reference: {
            annotations?: components["schemas"]["Annotations"];
            /** @description The digest of the child artifact */
            child_digest?: string;
            /**
             * Format: int64
             * @description The child ID of the reference
             */
            child_id?: number;
            /**
             * Format: int64
             * @description The parent ID of the reference
             */
            parent_id?: number;
            platform?: components["schemas"]["Platform"];
            /** @description The download URLs */
            urls?: string[];
        };
        Registry: {
            /** @description The PEM-encoded CA certificate for this registry endpoint. If provided, this CA will be used to verify the registry's certificate instead of the system CA pool. */
            ca_certificate?: string | null;
            /**
             * Format: date-time
             * @description The create time of the policy.
             */
            creation_time?: string;
            credential?: components["schemas"]["RegistryCredential"];
            /** @description Description of the registry. */
            description?: string;
            /**
             * Format: int64
             * @description The registry ID.
             */
            id?: number;
            /** @description Whether or not the certificate will be verified when Harbor tries to access the server. */
            insecure?: boolean;
            /** @description The registry name. */
            name?: string;
            /** @description Health status of the registry. */
            status?: string;
            /** @description Type of the registry, e.g. 'harbor'. */
            type?: string;
            /**
             * Format: date-time
             * @description The update time of the policy.
             */
            update_time?: string;
            /** @description The registry URL string. */
            url?: string;
        };
        RegistryCredential: {
            /** @description Access key, e.g. user name when credential type is 'basic'. */
            access_key?: string;
            /** @description Access secret, e.g. password when credential type is 'basic'. */
            access_secret?: string;
            /** @description Credential type, such as 'basic', 'oauth'. */
            type?: string;
        };
        /** @description The style of the resource filter */
        RegistryEndpoint: {
            /** @description The endpoint key */
            key?: string;
            /** @description The endpoint value */
            value?: string;
        };
        /** @description The registry info contains the base info and capability declarations of the registry */
        RegistryInfo: {
            /** @description The description */
            description?: string;
            /** @description The registry whether support copy by chunk. */
            supported_copy_by_chunk?: boolean;
            /** @description The filters that the registry supports */
            supported_resource_filters?: components["schemas"]["FilterStyle"][];
            /** @description The triggers that the registry supports */
            supported_triggers?: string[];
            /** @description The registry type */
            type?: string;
        };
        RegistryPing: {
            /** @description The registry access key. */
            access_key?: string | null;
            /** @description The registry access secret. */
            access_secret?: string | null;
            /** @description The PEM-encoded CA certificate for this registry endpoint. */
            ca_certificate?: string | null;
            /** @description Credential type of the registry, e.g. 'basic'. */
            credential_type?: string | null;
            /**
             * Format: int64
             * @description The registry ID.
             */
            id?: number | null;
            /** @description Whether or not the certificate will be verified when Harbor tries to access the server. */
            insecure?: boolean | null;
            /** @description Type of the registry, e.g. 'harbor'. */
            type?: string | null;
            /** @description The registry URL. */
            url?: string | null;
        };
        /** @description The registry credential pattern */
        RegistryProviderCredentialPattern: {
            /** @description The access key data */
            access_key_data?: string;
            /** @description The access key type */
            access_key_type?: string;
            /** @description The access secret data */
            access_secret_data?: string;
            /** @description The access secret type */
            access_secret_type?: string;
        };
        /** @description The registry endpoint pattern */
        RegistryProviderEndpointPattern: {
            /** @description The endpoint type */
            endpoint_type?: string;
            /** @description The endpoint list */
            endpoints?: components["schemas"]["RegistryEndpoint"][];
        };
        /** @description The registry provider info contains the base info and capability declarations of the registry provider */
        RegistryProviderInfo: {
            credential_pattern?: components["schemas"]["RegistryProviderCredentialPattern"];
            endpoint_pattern?: components["schemas"]["RegistryProviderEndpointPattern"];
        };
        RegistryUpdate: {
            /** @description The registry access key. */
            access_key?: string | null;
            /** @description The registry access secret. */
            access_secret?: string | null;
            /** @description The PEM-encoded CA certificate for this registry endpoint. */
            ca_certificate?: string | null;
            /** @description Credential type of the registry, e.g. 'basic'. */
            credential_type?: string | null;
            /** @description Description of the registry. */
            description?: string | null;
            /** @description Whether or not the certificate will be verified when Harbor tries to access the server. */
            insecure?: boolean | null;
            /** @description The registry name. */
            name?: string | null;
            /** @description The registry URL. */
            url?: string | null;
        };
        /** @description The replication execution */
        ReplicationExecution: {
            /**
             * Format: date-time
             * @description The end time
             */
            end_time?: string;
            /** @description The count of failed executions */
            failed?: number;
            /** @description The ID of the execution */
            id?: number;
            /** @description The count of in_progress executions */
            in_progress?: number;
            /** @description The ID if the policy that the execution belongs to */
            policy_id?: number;
            /**
             * Format: date-time
             * @description The start time
             */
            start_time?: string;
            /** @description The status of the execution */
            status?: string;
            /** @description The status text */
            status_text?: string;
            /** @description The count of stopped executions */
            stopped?: number;
            /** @description The count of succeed executions */
            succeed?: number;
            /** @description The total count of all executions */
            total?: number;
            /** @description The trigger mode */
            trigger?: string;
        };
        ReplicationFilter: {
            /** @description matches or excludes the result */
            decoration?: string;
            /** @description The replication policy filter type. */
            type?: string;
            /** @description The value of replication policy filter. For name, tag, and resource filters, this should be a string. For label filters, this should be an array of strings. */
            value?: unknown;
        };
        ReplicationPolicy: {
            /** @description Whether to enable copy by chunk. */
            copy_by_chunk?: boolean;
            /**
             * Format: date-time
             * @description The create time of the policy.
             */
            creation_time?: string;
            /** @description Deprecated, use "replicate_deletion" instead. Whether to replicate the deletion operation. */
            deletion?: boolean;
            /** @description The description of the policy. */
            description?: string;
            /** @description The destination namespace. */
            dest_namespace?: string;
            /**
             * Format: int8
             * @description Specify how many path components will be replaced by the provided destination namespace.
             *     The default value is -1 in which case the legacy mode will be applied.
             */
            dest_namespace_replace_count?: number;
            dest_registry?: components["schemas"]["Registry"];
            /** @description Whether the policy is enabled or not. */
            enabled?: boolean;
            /** @description The replication policy filter array. */
            filters?: components["schemas"]["ReplicationFilter"][];
            /**
             * Format: int64
             * @description The policy ID.
             */
            id?: number;
            /** @description The policy name. */
            name?: string;
            /** @description Whether to override the resources on the destination registry. */
            override?: boolean;
            /** @description Whether to replicate the deletion operation. */
            replicate_deletion?: boolean;
            /**
             * @description Whether to skip execution until the previous active execution finishes,
             *     avoiding the execution of the same replication rules multiple times in parallel.
             */
            single_active_replication?: boolean;
            /**
             * Format: int32
             * @description speed limit for each task
             */
            speed?: number;
            src_registry?: components["schemas"]["Registry"];
            trigger?: components["schemas"]["ReplicationTrigger"];
            /**
             * Format: date-time
             * @description The update time of the policy.
             */
            update_time?: string;
        };
        /** @description The replication task */
        ReplicationTask: {
            /** @description The destination resource that the task operates */
            dst_resource?: string;
            /**
             * Format: date-time
             * @description The end time of the task
             */
            end_time?: string;
            /** @description The ID of the execution that the task belongs to */
            execution_id?: number;
            /** @description The ID of the task */
            id?: number;
            /** @description The ID of the underlying job that the task related to */
            job_id?: string;
            /** @description The operation of the task */
            operation?: string;
            /** @description The type of the resource that the task operates */
            resource_type?: string;
            /** @description The source resource that the task operates */
            src_resource?: string;
            /**
             * Format: date-time
             * @description The start time of the task
             */
            start_time?: string;
            /** @description The status of the task */
            status?: string;
        };
        ReplicationTrigger: {
            trigger_settings?: components["schemas"]["ReplicationTriggerSettings"];
            /** @description The replication policy trigger type. The valid values are manual, event_based and scheduled. */
            type?: string;
        };
        ReplicationTriggerSettings: {
            /** @description The cron string for scheduled trigger */
            cron?: string;
        };
        Repository: {
            /**
             * Format: int64
             * @description The count of the artifacts inside the repository
             */
            artifact_count?: number;
            /**
             * Format: date-time
             * @description The creation time of the repository
             */
            creation_time?: string | null;
            /** @description The description of the repository */
            description?: string;
            /**
             * Format: int64
             * @description The ID of the repository
             */
            id?: number;
            /** @description The name of the repository */
            name?: string;
            /**
             * Format: int64
             * @description The ID of the project that the repository belongs to
             */
            project_id?: number;
            /**
             * Format: int64
             * @description The count that the artifact inside the repository pulled
             */
            pull_count?: number;
            /**
             * Format: date-time
             * @description The update time of the repository
             */
            update_time?: string;
        };
        ResourceList: {
            [key: string]: number;
        };
        RetentionExecution: {
            dry_run?: boolean;
            end_time?: string;
            /** Format: int64 */
            id?: number;
            /** Format: int64 */
            policy_id?: number;
            start_time?: string;
            status?: string;
            trigger?: string;
        };
        RetentionExecutionTask: {
            end_time?: string;
            /** Format: int64 */
            execution_id?: number;
            /** Format: int64 */
            id?: number;
            job_id?: string;
            repository?: string;
            retained?: number;
            start_time?: string;
            status?: string;
            status_code?: number;
            /** Format: int64 */
            status_revision?: number;
            total?: number;
        };
        /** @description the tag retention metadata */
        RetentionMetadata: {
            /** @description supported scope selectors */
            scope_selectors?: components["schemas"]["RetentionSelectorMetadata"][];
            /** @description supported tag selectors */
            tag_selectors?: components["schemas"]["RetentionSelectorMetadata"][];
            /** @description templates */
            templates?: components["schemas"]["RetentionRuleMetadata"][];
        };
        /** @description retention policy */
        RetentionPolicy: {
            algorithm?: string;
            /** Format: int64 */
            id?: number;
            rules?: components["schemas"]["RetentionRule"][];
            scope?: components["schemas"]["RetentionPolicyScope"];
            trigger?: components["schemas"]["RetentionRuleTrigger"];
        };
        RetentionPolicyScope: {
            level?: string;
            ref?: number;
        };
        RetentionRule: {
            action?: string;
            disabled?: boolean;
            id?: number;
            params?: {
                [key: string]: Record<string, never>;
            };
            priority?: number;
            scope_selectors?: {
                [key: string]: components["schemas"]["RetentionSelector"][];
            };
            tag_selectors?: components["schemas"]["RetentionSelector"][];
            template?: string;
        };
        /** @description the tag retention rule metadata */
        RetentionRuleMetadata: {
            /** @description rule action */
            action?: string;
            /** @description rule display text */
            display_text?: string;
            /** @description rule params */
            params?: components["schemas"]["RetentionRuleParamMetadata"][];
            /** @description rule id */
            rule_template?: string;
        };
        /** @description rule param */
        RetentionRuleParamMetadata: {
            required?: boolean;
            type?: string;
            unit?: string;
        };
        RetentionRuleTrigger: {
            kind?: string;
            references?: Record<string, never>;
            settings?: Record<string, never>;
        };
        RetentionSelector: {
            decoration?: string;
            extras?: string;
            kind?: string;
            pattern?: string;
        };
        /** @description retention selector */
        RetentionSelectorMetadata: {
            decorations?: string[];
            display_text?: string;
            kind?: string;
        };
        Robot: {
            /**
             * Format: date-time
             * @description The creation time of the robot.
             */
            creation_time?: string;
            /** @description The reference of the robot creator, like the id of harbor user. */
            creator_ref?: number;
            /** @description The type of the robot creator, like local(harbor_user) or robot. */
            creator_type?: string;
            /** @description The description of the robot */
            description?: string;
            /** @description The disable status of the robot */
            disable?: boolean;
            /**
             * Format: int64
             * @description The duration of the robot in days, duration must be either -1(Never) or a positive integer
             */
            duration?: number | null;
            /** @description The editable status of the robot */
            editable?: boolean;
            /**
             * Format: int64
             * @description The expiration date of the robot
             */
            expires_at?: number;
            /**
             * Format: int64
             * @description The ID of the robot
             */
            id?: number;
            /** @description The level of the robot, project or system */
            level?: string;
            /** @description The name of the robot */
            name?: string;
            permissions?: components["schemas"]["RobotPermission"][];
            /** @description The secret of the robot */
            secret?: string;
            /**
             * Format: date-time
             * @description The update time of the robot.
             */
            update_time?: string;
        };
        /** @description The request for robot account creation. */
        RobotCreate: {
            /** @description The description of the robot */
            description?: string;
            /** @description The disable status of the robot */
            disable?: boolean;
            /**
             * Format: int64
             * @description The duration of the robot in days, duration must be either -1(Never) or a positive integer
             */
            duration?: number;
            /** @description The level of the robot, project or system */
            level?: string;
            /** @description The name of the robot */
            name?: string;
            permissions?: components["schemas"]["RobotPermission"][];
            /** @description The secret of the robot */
            secret?: string;
        };
        /** @description The response for robot account creation. */
        RobotCreated: {
            /**
             * Format: date-time
             * @description The creation time of the robot.
             */
            creation_time?: string;
            /**
             * Format: int64
             * @description The expiration date of the robot
             */
            expires_at?: number;
            /**
             * Format: int64
             * @description The ID of the robot
             */
            id?: number;
            /** @description The name of the robot */
            name?: string;
            /** @description The secret of the robot */
            secret?: string;
        };
        RobotCreateV1: {
            /** @description The permission of robot account */
            access?: components["schemas"]["Access"][];
            /** @description The description of robot account */
            description?: string;
            /** @description The expiration time on or after which the JWT MUST NOT be accepted for processing. */
            expires_at?: number;
            /** @description The name of robot account */
            name?: string;
        };
        RobotPermission: {
            access?: components["schemas"]["Access"][];
            /** @description The kind of the permission */
            kind?: string;
            /** @description The namespace of the permission */
            namespace?: string;
        };
        /** @description The response for refresh/update robot account secret. */
        RobotSec: {
            /** @description The secret of the robot */
            secret?: string;
        };
        RoleRequest: {
            /** @description The role id 1 for projectAdmin, 2 for developer, 3 for guest, 4 for maintainer */
            role_id?: number;
        };
        /** @description The generate SBOM overview information */
        SBOMOverview: {
            /**
             * Format: int64
             * @description Time in seconds required to create the report
             * @example 300
             */
            duration?: number;
            /**
             * Format: date-time
             * @description The end time of the generating sbom report task
             * @example 2006-01-02T15:04:05Z
             */
            end_time?: string;
            /**
             * @description id of the native scan report
             * @example 5f62c830-f996-11e9-957f-0242c0a89008
             */
            report_id?: string;
            /** @description The digest of the generated SBOM accessory */
            sbom_digest?: string;
            /** @description The status of the generating SBOM task */
            scan_status?: string;
            scanner?: components["schemas"]["Scanner"];
            /**
             * Format: date-time
             * @description The start time of the generating sbom report task
             * @example 2006-01-02T14:04:05Z
             */
            start_time?: string;
        };
        /** @description The replication execution */
        ScanDataExportExecution: {
            /**
             * Format: date-time
             * @description The end time
             */
            end_time?: string;
            /** @description Indicates whether the export artifact is present in registry */
            file_present?: boolean;
            /** @description The ID of the execution */
            id?: number;
            /**
             * Format: date-time
             * @description The start time
             */
            start_time?: string;
            /** @description The status of the execution */
            status?: string;
            /** @description The status text */
            status_text?: string;
            /** @description The trigger mode */
            trigger?: string;
            /** @description The ID if the user triggering the export job */
            user_id?: number;
            /** @description The name of the user triggering the job */
            user_name?: string;
        };
        /** @description The list of scan data export executions */
        ScanDataExportExecutionList: {
            /** @description The list of scan data export executions */
            items?: components["schemas"]["ScanDataExportExecution"][];
        };
        /** @description The metadata associated with the scan data export job */
        ScanDataExportJob: {
            /**
             * Format: int64
             * @description The id of the scan data export job
             */
            id?: number;
        };
        /** @description The criteria to select the scan data to export. */
        ScanDataExportRequest: {
            /** @description CVE-IDs for which to export data. Multiple CVE-IDs can be specified by separating using ',' and enclosed between '{}'. Defaults to all if empty */
            cveIds?: string;
            /** @description Name of the scan data export job */
            job_name?: string;
            /** @description A list of one or more labels for which to export the scan data, defaults to all if empty */
            labels?: number[];
            /** @description A list of one or more projects for which to export the scan data, currently only one project is supported due to performance concerns, but define as array for extension in the future. */
            projects?: number[];
            /** @description A list of repositories for which to export the scan data, defaults to all if empty */
            repositories?: string;
            /** @description A list of tags enclosed within '{}'. Defaults to all if empty */
            tags?: string;
        };
        Scanner: {
            /**
             * @description Name of the scanner
             * @example Trivy
             */
            name?: string;
            /**
             * @description Name of the scanner provider
             * @example Aqua Security
             */
            vendor?: string;
            /**
             * @description Version of the scanner adapter
             * @example v0.9.1
             */
            version?: string;
        };
        /** @description The metadata info of the scanner adapter */
        ScannerAdapterMetadata: {
            capabilities?: components["schemas"]["ScannerCapability"][];
            /**
             * @example {
             *       "harbor.scanner-adapter/registry-authorization-type": "Bearer"
             *     }
             */
            properties?: {
                [key: string]: string;
            };
            scanner?: components["schemas"]["Scanner"];
        };
        ScannerCapability: {
            consumes_mime_types?: string[];
            produces_mime_types?: string[];
            /**
             * @description Specify the type of scanner capability, like vulnerability or sbom
             * @example sbom
             */
            type?: string;
        };
        /** @description Registration represents a named configuration for invoking a scanner via its adapter. */
        ScannerRegistration: {
            /**
             * @description An optional value of the HTTP Authorization header sent with each request to the Scanner Adapter API.
             * @example Bearer: JWTTOKENGOESHERE
             */
            access_credential?: string;
            /**
             * @description Optional property to describe the name of the scanner registration
             * @example Trivy
             */
            adapter?: string;
            /**
             * @description Specify what authentication approach is adopted for the HTTP communications.
             *     Supported types Basic", "Bearer" and api key header "X-ScannerAdapter-API-Key"
             * @default
             * @example Bearer
             */
            auth: string;
            /**
             * @description Indicates the capabilities of the scanner, e.g. support_vulnerability or support_sbom.
             * @example {
             *       "support_vulnerability": true,
             *       "support_sbom": true
             *     }
             */
            capabilities?: {
                [key: string]: unknown;
            };
            /**
             * Format: date-time
             * @description The creation time of this registration
             */
            create_time?: string;
            /**
             * @description An optional description of this registration.
             * @example A free-to-use tool that scans container images for package vulnerabilities.
             */
            description?: string;
            /**
             * @description Indicate whether the registration is enabled or not
             * @default false
             */
            disabled: boolean;
            /**
             * @description Indicate the healthy of the registration
             * @default
             * @example healthy
             */
            health: string;
            /**
             * @description Indicate if the registration is set as the system default one
             * @default false
             */
            is_default: boolean;
            /**
             * @description The name of this registration.
             * @example Trivy
             */
            name?: string;
            /**
             * @description Indicate if skip the certificate verification when sending HTTP requests
             * @default false
             */
            skip_certVerify: boolean;
            /**
             * Format: date-time
             * @description The update time of this registration
             */
            update_time?: string;
            /**
             * Format: uri
             * @description A base URL of the scanner adapter
             * @example http://harbor-scanner-trivy:8080
             */
            url?: string;
            /**
             * @description Indicate whether use internal registry addr for the scanner to pull content or not
             * @default false
             */
            use_internal_addr: boolean;
            /** @description The unique identifier of this registration. */
            uuid?: string;
            /**
             * @description Optional property to describe the vendor of the scanner registration
             * @example CentOS
             */
            vendor?: string;
            /**
             * @description Optional property to describe the version of the scanner registration
             * @example 1.0.1
             */
            version?: string;
        };
        ScannerRegistrationReq: {
            /**
             * @description An optional value of the HTTP Authorization header sent with each request to the Scanner Adapter API.
             *
             *     When updating a registration (PUT `/scanners/{registration_id}`), if this field is omitted or empty
             *     and `auth` is still one of Basic, Bearer, or APIKey, the previously stored credential is kept
             *     unchanged. Provide a non-empty value to set or rotate the credential. Clearing `auth` removes the
             *     need for a credential; in that case an empty `access_credential` does not restore the old secret.
             * @example Bearer: JWTTOKENGOESHERE
             */
            access_credential?: string;
            /**
             * @description Specify what authentication approach is adopted for the HTTP communications.
             *     Supported types Basic", "Bearer" and api key header "X-ScannerAdapter-API-Key"
             * @example Bearer
             */
            auth?: string;
            /**
             * @description An optional description of this registration.
             * @example A free-to-use tool that scans container images for package vulnerabilities.
             */
            description?: string;
            /**
             * @description Indicate whether the registration is enabled or not
             * @default false
             */
            disabled: boolean;
            /**
             * @description The name of this registration
             * @example Trivy
             */
            name: string;
            /**
             * @description Indicate if skip the certificate verification when sending HTTP requests
             * @default false
             */
            skip_certVerify: boolean;
            /**
             * Format: uri
             * @description A base URL of the scanner adapter.
             * @example http://harbor-scanner-trivy:8080
             */
            url: string;
            /**
             * @description Indicate whether use internal registry addr for the scanner to pull content or not
             * @default false
             */
            use_internal_addr: boolean;
        };
        ScannerRegistrationSettings: {
            /**
             * @description An optional value of the HTTP Authorization header sent with each request to the Scanner Adapter API.
             * @example Bearer: JWTTOKENGOESHERE
             */
            access_credential?: string;
            /**
             * @description Specify what authentication approach is adopted for the HTTP communications.
             *     Supported types Basic", "Bearer" and api key header "X-ScannerAdapter-API-Key"
             * @default
             */
            auth: string;
            /**
             * @description The name of this registration
             * @example Trivy
             */
            name: string;
            /**
             * Format: uri
             * @description A base URL of the scanner adapter.
             * @example http://harbor-scanner-trivy:8080
             */
            url: string;
        };
        /** @description The scan overview attached in the metadata of tag */
        ScanOverview: {
            [key: string]: components["schemas"]["NativeReportSummary"];
        };
        ScanType: {
            /**
             * @description The scan type for the scan request. Two options are currently supported, vulnerability and sbom
             * @enum {string}
             */
            scan_type?: "vulnerability" | "sbom";
        };
        Schedule: {
            /**
             * Format: date-time
             * @description the creation time of the schedule.
             */
            readonly creation_time?: string;
            /** @description The id of the schedule. */
            readonly id?: number;
            /** @description The parameters of schedule job */
            parameters?: {
                [key: string]: Record<string, never>;
            };
            schedule?: components["schemas"]["ScheduleObj"];
            /** @description The status of the schedule. */
            readonly status?: string;
            /**
             * Format: date-time
             * @description the update time of the schedule.
             */
            readonly update_time?: string;
        };
        ScheduleObj: {
            /** @description A cron expression, a time-based job scheduler. */
            cron?: string;
            /**
             * Format: date-time
             * @description The next time to schedule to run the job.
             */
            next_scheduled_time?: string;
            /**
             * @description The schedule type. The valid values are 'Hourly', 'Daily', 'Weekly', 'Custom', 'Manual', 'None' and 'Schedule'.
             *     'Manual' means to trigger it right away, 'Schedule' means to trigger it by a specified cron schedule and
             *     'None' means to cancel the schedule.
             * @enum {string}
             */
            type?: "Hourly" | "Daily" | "Weekly" | "Custom" | "Manual" | "None" | "Schedule";
        };
        /** @description the scheduler status */
        SchedulerStatus: {
            /** @description if the scheduler is paused */
            paused?: boolean;
        };
        /** @description the schedule task info */
        ScheduleTask: {
            /** @description the cron of the current schedule task */
            cron?: string;
            /** @description the id of the Schedule task */
            id?: number;
            /**
             * Format: date-time
             * @description the update time of the schedule task
             */
            update_time?: string;
            /** @description the vendor id of the current task */
            vendor_id?: number;
            /** @description the vendor type of the current schedule task */
            vendor_type?: string;
        };
        Search: {
            /** @description Search results of the projects that matched the filter keywords. */
            project?: components["schemas"]["Project"][];
            /** @description Search results of the repositories that matched the filter keywords. */
            repository?: components["schemas"]["SearchRepository"][];
        };
        SearchRepository: {
            /** @description The count of artifacts in the repository */
            artifact_count?: number;
            /** @description The ID of the project that the repository belongs to */
            project_id?: number;
            /** @description The name of the project that the repository belongs to */
            project_name?: string;
            /** @description The flag to indicate the publicity of the project that the repository belongs to (1 is public, 0 is not) */
            project_public?: boolean;
            /** @description The count how many times the repository is pulled */
            pull_count?: number;
            /** @description The name of the repository */
            repository_name?: string;
        };
        /** @description the security summary */
        SecuritySummary: {
            /**
             * Format: int64
             * @description the count of critical vulnerabilities
             */
            critical_cnt?: number;
            /** @description the list of dangerous artifacts */
            dangerous_artifacts?: components["schemas"]["DangerousArtifact"][];
            /** @description the list of dangerous CVEs */
            dangerous_cves?: components["schemas"]["DangerousCVE"][];
            /**
             * Format: int64
             * @description the count of fixable vulnerabilities
             */
            fixable_cnt?: number;
            /**
             * Format: int64
             * @description the count of high vulnerabilities
             */
            high_cnt?: number;
            /**
             * Format: int64
             * @description the count of low vulnerabilities
             */
            low_cnt?: number;
            /**
             * Format: int64
             * @description the count of medium vulnerabilities
             */
            medium_cnt?: number;
            /**
             * Format: int64
             * @description the count of none vulnerabilities
             */
            none_cnt?: number;
            /**
             * Format: int64
             * @description the count of scanned artifacts
             */
            scanned_cnt?: number;
            /**
             * Format: int64
             * @description the total count of artifacts
             */
            total_artifact?: number;
            /**
             * Format: int64
             * @description the count of total vulnerabilities
             */
            total_vuls?: number;
            /**
             * Format: int64
             * @description the count of unknown vulnerabilities
             */
            unknown_cnt?: number;
        };
        StartReplicationExecution: {
            /**
             * Format: int64
             * @description The ID of policy that the execution belongs to.
             */
            policy_id?: number;
        };
        Statistic: {
            /**
             * Format: int64
             * @description The count of the private projects
             */
            private_project_count?: number;
            /**
             * Format: int64
             * @description The count of the private repositories
             */
            private_repo_count?: number;
            /**
             * Format: int64
             * @description The count of the public projects
             */
            public_project_count?: number;
            /**
             * Format: int64
             * @description The count of the public repositories
             */
            public_repo_count?: number;
            /**
             * Format: int64
             * @description The count of the total projects, only be seen by the system admin
             */
            total_project_count?: number;
            /**
             * Format: int64
             * @description The count of the total repositories, only be seen by the system admin
             */
            total_repo_count?: number;
            /**
             * Format: int64
             * @description The total storage consumption of blobs, only be seen by the system admin
             */
            total_storage_consumption?: number;
        };
        /** @description Stats provides the overall progress of the scan all process. */
        Stats: {
            /**
             * Format: int
             * @description The number of the finished scan processes triggered by the scan all action
             * @example 90
             */
            completed?: number;
            /**
             * @description The metrics data for the each status
             * @example {
             *       "Success": 5,
             *       "Error": 2,
             *       "Running": 3
             *     }
             */
            metrics?: {
                [key: string]: number;
            };
            /** @description A flag indicating job status of scan all. */
            ongoing?: boolean;
            /**
             * Format: int
             * @description The total number of scan processes triggered by the scan all action
             * @example 100
             */
            total?: number;
            /**
             * @description The trigger of the scan all job.
             * @enum {string}
             */
            trigger?: "Manual" | "Schedule" | "Event";
        };
        Storage: {
            /**
             * Format: uint64
             * @description Free volume size.
             */
            free?: number;
            /**
             * Format: uint64
             * @description Total volume size.
             */
            total?: number;
        };
        StringConfigItem: {
            /** @description The configure item can be updated or not */
            editable?: boolean;
            /** @description The string value of current config item */
            value?: string;
        };
        /** @description Supported webhook event types and notify types. */
        SupportedWebhookEventTypes: {
            event_type?: components["schemas"]["EventType"][];
            notify_type?: components["schemas"]["NotifyType"][];
            payload_formats?: components["schemas"]["PayloadFormat"][];
        };
        SystemInfo: {
            /** @description The storage of system. */
            storage?: components["schemas"]["Storage"][];
        };
        Tag: {
            /**
             * Format: int64
             * @description The ID of the artifact that the tag attached to
             */
            artifact_id?: number;
            /**
             * Format: int64
             * @description The ID of the tag
             */
            id?: number;
            /** @description The immutable status of the tag */
            immutable?: boolean;
            /** @description The name of the tag */
            name?: string;
            /**
             * Format: date-time
             * @description The latest pull time of the tag
             */
            pull_time?: string;
            /**
             * Format: date-time
             * @description The push time of the tag
             */
            push_time?: string;
            /**
             * Format: int64
             * @description The ID of the repository that the tag belongs to
             */
            repository_id?: number;
        };
        Task: {
            /** @description The creation time of task */
            creation_time?: string;
            /** @description The end time of task */
            end_time?: string;
            /** @description The ID of task execution */
            execution_id?: number;
            extra_attrs?: components["schemas"]["ExtraAttrs"];
            /** @description The ID of task */
            id?: number;
            /**
             * Format: int32
             * @description The count of task run
             */
            run_count?: number;
            /** @description The start time of task */
            start_time?: string;
            /** @description The status of task */
            status?: string;
            /** @description The status message of task */
            status_message?: string;
            /** @description The update time of task */
            update_time?: string;
        };
        UserCreationReq: {
            comment?: string;
            email?: string;
            password?: string;
            realname?: string;
            username?: string;
        };
        UserEntity: {
            /** @description The ID of the user. */
            user_id?: number;
            /** @description The name of the user. */
            username?: string;
        };
        UserGroup: {
            /** @description The name of the user group */
            group_name?: string;
            /** @description The group type, 1 for LDAP group, 2 for HTTP group, 3 for OIDC group. */
            group_type?: number;
            /** @description The ID of the user group */
            id?: number;
            /** @description The DN of the LDAP group if group type is 1 (LDAP group). */
            ldap_group_dn?: string;
        };
        UserGroupSearchItem: {
            /** @description The name of the user group */
            group_name?: string;
            /** @description The group type, 1 for LDAP group, 2 for HTTP group, 3 for OIDC group. */
            group_type?: number;
            /** @description The ID of the user group */
            id?: number;
        };
        UserProfile: {
            comment?: string;
            email?: string;
            realname?: string;
        };
        UserResp: {
            /** @description indicate the admin privilege is grant by authenticator (LDAP), is always false unless it is the current login user */
            admin_role_in_auth?: boolean;
            comment?: string;
            /**
             * Format: date-time
             * @description The creation time of the user.
             */
            creation_time?: string;
            email?: string;
            oidc_user_meta?: components["schemas"]["OIDCUserInfo"];
            realname?: string;
            sysadmin_flag?: boolean;
            /**
             * Format: date-time
             * @description The update time of the user.
             */
            update_time?: string;
            /** Format: int */
            user_id?: number;
            username?: string;
        };
        UserSearch: {
            /**
             * Format: int
             * @description The ID of the user.
             */
            user_id?: number;
            username?: string;
        };
        UserSearchRespItem: {
            /**
             * Format: int
             * @description The ID of the user.
             */
            user_id?: number;
            username?: string;
        };
        UserSysAdminFlag: {
            /** @description true-admin, false-not admin. */
            sysadmin_flag?: boolean;
        };
        /** @description the vulnerability item info */
        VulnerabilityItem: {
            /** @description the CVE id of the vulnerability. */
            cve_id?: string;
            /**
             * Format: float
             * @description the nvd cvss v3 score of the vulnerability
             */
            cvss_v3_score?: number;
            /** @description The description of the vulnerability */
            desc?: string;
            /** @description the digest of the artifact */
            digest?: string;
            /** @description the fixed version of the package */
            fixed_version?: string;
            /** @description Links of the vulnerability */
            links?: string[];
            /** @description the package of the vulnerability */
            package?: string;
            /**
             * Format: int64
             * @description the project ID of the artifact
             */
            project_id?: number;
            /** @description the repository name of the artifact */
            repository_name?: string;
            /** @description the severity of the vulnerability */
            severity?: string;
            /** @description the status of the vulnerability, example "fixed", "won't fix" */
            status?: string;
            /** @description the tags of the artifact */
            tags?: string[];
            /** @description the version of the package */
            version?: string;
        };
        /** @description VulnerabilitySummary contains the total number of the foun d vulnerabilities number and numbers of each severity level. */
        VulnerabilitySummary: {
            /**
             * Format: int
             * @description The number of the fixable vulnerabilities
             * @example 100
             */
            fixable?: number;
            /**
             * @description Numbers of the vulnerabilities with different severity
             * @example {
             *       "Critical": 5,
             *       "High": 5
             *     }
             */
            summary?: {
                [key: string]: number;
            };
            /**
             * Format: int
             * @description The total number of the found vulnerabilities
             * @example 500
             */
            total?: number;
        };
        /** @description The webhook job. */
        WebhookJob: {
            /**
             * Format: date-time
             * @description The webhook job creation time.
             */
            creation_time?: string;
            /** @description The webhook job event type. */
            event_type?: string;
            /**
             * Format: int64
             * @description The webhook job ID.
             */
            id?: number;
            /** @description The webhook job notify detailed data. */
            job_detail?: string;
            /** @description The webhook job notify type. */
            notify_type?: string;
            /**
             * Format: int64
             * @description The webhook policy ID.
             */
            policy_id?: number;
            /** @description The webhook job status. */
            status?: string;
            /**
             * Format: date-time
             * @description The webhook job update time.
             */
            update_time?: string;
        };
        /** @description The webhook policy and last trigger time group by event type. */
        WebhookLastTrigger: {
            /**
             * Format: date-time
             * @description The creation time of webhook policy.
             */
            creation_time?: string;
            /** @description Whether or not the webhook policy enabled. */
            enabled?: boolean;
            /** @description The webhook event type. */
            event_type?: string;
            /**
             * Format: date-time
             * @description The last trigger time of webhook policy.
             */
            last_trigger_time?: string;
            /** @description The webhook policy name. */
            policy_name?: string;
        };
        /** @description The webhook policy object */
        WebhookPolicy: {
            /**
             * Format: date-time
             * @description The create time of the webhook policy.
             */
            creation_time?: string;
            /** @description The creator of the webhook policy. */
            creator?: string;
            /** @description The description of webhook policy. */
            description?: string;
            /** @description Whether the webhook policy is enabled or not. */
            enabled?: boolean;
            event_types?: string[];
            /**
             * Format: int64
             * @description The webhook policy ID.
             */
            id?: number;
            /** @description The name of webhook policy. */
            name?: string;
            /** @description The project ID of webhook policy. */
            project_id?: number;
            targets?: components["schemas"]["WebhookTargetObject"][];
            /**
             * Format: date-time
             * @description The update time of the webhook policy.
             */
            update_time?: string;
        };
        /** @description The webhook policy target object. */
        WebhookTargetObject: {
            /** @description The webhook target address. */
            address?: string;
            /** @description The webhook auth header. */
            auth_header?: string;
            payload_format?: components["schemas"]["PayloadFormatType"];
            /** @description Whether or not to skip cert verify. */
            skip_cert_verify?: boolean;
            /** @description The webhook target notify type. */
            type?: string;
        };
        /** @description worker in the pool */
        Worker: {
            /** @description the checkin of the running job in the worker */
            check_in?: string;
            /**
             * Format: date-time
             * @description The checkin time of the worker
             */
            checkin_at?: string | null;
            /** @description the id of the worker */
            id?: string;
            /** @description the id of the running job in the worker */
            job_id?: string;
            /** @description the name of the running job in the worker */
            job_name?: string;
            /** @description the id of the worker pool */
            pool_id?: string;
            /**
             * Format: date-time
             * @description The start time of the worker
             */
            start_at?: string | null;
        };
        /** @description the worker pool of job service */
        WorkerPool: {
            /** @description The concurrency of the work pool */
            concurrency?: number;
            /**
             * Format: date-time
             * @description The heartbeat time of the work pool
             */
            heartbeat_at?: string;
            /** @description The host of the work pool */
            host?: string;
            /** @description the process id of jobservice */
            pid?: number;
            /**
             * Format: date-time
             * @description The start time of the work pool
             */
            start_at?: string;
            /** @description the id of the worker pool */
            worker_pool_id?: string;
        };
    };
    responses: {
        /** @description Success */
        200: {
            headers: {
                /** @description The ID of the corresponding request for the response */
                "X-Request-Id"?: string;
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Created */
        201: {
            headers: {
                /** @description The location of the resource */
                Location?: string;
                /** @description The ID of the corresponding request for the response */
                "X-Request-Id"?: string;
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Accepted */
        202: {
            headers: {
                /** @description The ID of the corresponding request for the response */
                "X-Request-Id"?: string;
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Bad request */
        400: {
            headers: {
                /** @description The ID of the corresponding request for the response */
                "X-Request-Id"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description Unauthorized */
        401: {
            headers: {
                /** @description The ID of the corresponding request for the response */
                "X-Request-Id"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description Forbidden */
        403: {
            headers: {
                /** @description The ID of the corresponding request for the response */
                "X-Request-Id"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description Not found */
        404: {
            headers: {
                /** @description The ID of the corresponding request for the response */
                "X-Request-Id"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description Method not allowed */
        405: {
            headers: {
                /** @description The ID of the corresponding request for the response */
                "X-Request-Id"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description Conflict */
        409: {
            headers: {
                /** @description The ID of the corresponding request for the response */
                "X-Request-Id"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description Precondition failed */
        412: {
            headers: {
                /** @description The ID of the corresponding request for the response */
                "X-Request-Id"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description Unsupported MediaType */
        415: {
            headers: {
                /** @description The ID of the corresponding request for the response */
                "X-Request-Id"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description Unsupported Type */
        422: {
            headers: {
                /** @description The ID of the corresponding request for the response */
                "X-Request-Id"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
        /** @description Internal server error */
        500: {
            headers: {
                /** @description The ID of the corresponding request for the response */
                "X-Request-Id"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Errors"];
            };
        };
    };
    parameters: {
        /**
         * @description A comma-separated lists of MIME types for the scan report or scan summary. The first mime type will be used when the report found for it.
         *     Currently the mime type supports 'application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0' and 'application/vnd.security.vulnerability.report; version=1.1'
         */
        acceptVulnerabilities: string;
        /** @description The ID of the accessory */
        accessoryId: number;
        /** @description The digest of the resource */
        digest: string;
        /** @description Execution ID */
        executionId: number;
        /** @description The ID of the gc log */
        gcId: number;
        /** @description The ID of the immutable rule */
        immutableRuleId: number;
        /** @description Instance Name */
        instanceName: string;
        /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
        isResourceName: boolean;
        /** @description Label ID */
        labelId: number;
        /** @description The page number */
        page: number;
        /** @description The size of per page */
        pageSize: number;
        /** @description Preheat Policy Name */
        preheatPolicyName: string;
        /** @description The name of the project */
        projectName: string;
        /** @description The name or id of the project */
        projectNameOrId: string;
        /** @description The ID of the purge log */
        purgeId: number;
        /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
        query: string;
        /** @description The reference of the artifact, can be digest or tag */
        reference: string;
        /** @description The name of the repository. If it contains slash, encode it twice over with URL encoding. e.g. a/b -> a%2Fb -> a%252Fb */
        repositoryName: string;
        /** @description An unique ID for the request */
        requestId: string;
        /** @description The flag to indicate whether to return the name of the resource in Location. When X-Resource-Name-In-Location is true, the Location will return the name of the resource. */
        resourceNameInLocation: boolean;
        /** @description Robot ID */
        robotId: number;
        /** @description The type of scan data to export */
        scanDataType: string;
        /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
        sort: string;
        /** @description The name of the tag */
        tagName: string;
        /** @description Task ID */
        taskId: number;
        /** @description The name of the user */
        userName: string;
        /** @description The ID of the webhook policy */
        webhookPolicyId: number;
    };
    requestBodies: {
        addProjectMetadatasMetadata: {
            content: {
                "application/json": {
                    [key: string]: string;
                };
            };
        };
        ImmutableRule: {
            content: {
                "application/json": components["schemas"]["ImmutableRule"];
            };
        };
        /** @description The JSON object of instance. */
        Instance: {
            content: {
                "application/json": components["schemas"]["Instance"];
            };
        };
        /** @description The policy schema info */
        PreheatPolicy: {
            content: {
                "application/json": components["schemas"]["PreheatPolicy"];
            };
        };
        /** @description The replication policy */
        ReplicationPolicy: {
            content: {
                "application/json": components["schemas"]["ReplicationPolicy"];
            };
        };
        /** @description Updates of gc's schedule. */
        Schedule: {
            content: {
                "application/json": components["schemas"]["Schedule"];
            };
        };
        /**
         * @description The purge job's schedule, it is a json object. |
         *     The sample format is |
         *     {"parameters":{"audit_retention_hour":168,"dry_run":true,"include_event_types":"create_artifact,delete_artifact,pull_artifact"},"schedule":{"type":"Hourly","cron":"0 0 * * * *"}} |
         *     the include_operation should be a comma separated string, e.g. create,delete,pull, if it is empty, no operation will be purged.
         */
        Schedule2: {
            content: {
                "application/json": components["schemas"]["Schedule"];
            };
        };
        UserGroup: {
            content: {
                "application/json": components["schemas"]["UserGroup"];
            };
        };
    };
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listAuditLogs: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of auditlogs */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditLog"][];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            500: components["responses"]["500"];
        };
    };
    listAuditLogExts: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of auditlogs */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditLogExt"][];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            500: components["responses"]["500"];
        };
    };
    listAuditLogEventTypes: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditLogEventType"][];
                };
            };
            401: components["responses"]["401"];
        };
    };
    getConfigurations: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get system configurations successfully. The response body is a map. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigurationsResponse"];
                };
            };
            /** @description User need to log in first. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description User does not have permission of admin role. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unexpected internal errors. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    updateConfigurations: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The configuration map can contain a subset of the attributes of the schema, which are to be updated. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["Configurations"];
            };
        };
        responses: {
            /** @description Modify system configurations successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description User need to log in first. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description User does not have permission of admin role. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unexpected internal errors. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    exportScanData: {
        parameters: {
            query?: never;
            header: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
                /** @description The type of scan data to export */
                "X-Scan-Data-Type": components["parameters"]["scanDataType"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The criteria for the export */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScanDataExportRequest"];
            };
        };
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScanDataExportJob"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            405: components["responses"]["405"];
            409: components["responses"]["409"];
            500: components["responses"]["500"];
        };
    };
    downloadScanData: {
        parameters: {
            query?: {
                /** @description The format of the data to be exported. e.g. CSV or PDF */
                format?: string;
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Execution ID */
                execution_id: components["parameters"]["executionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Data file containing the export data */
            200: {
                headers: {
                    /** @description Value is a CSV formatted file; filename=export.csv */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    getScanDataExportExecution: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Execution ID */
                execution_id: components["parameters"]["executionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScanDataExportExecution"];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    getScanDataExportExecutionList: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScanDataExportExecutionList"];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The health status of Harbor components */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OverallHealthStatus"];
                };
            };
            500: components["responses"]["500"];
        };
    };
    getIcon: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The digest of the resource */
                digest: components["parameters"]["digest"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Icon"];
                };
            };
            400: components["responses"]["400"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    getInternalconfig: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get system configurations successfully. The response body is a map. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalConfigurationsResponse"];
                };
            };
            /** @description User need to log in first. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description User does not have permission of admin role. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unexpected internal errors. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    stopRunningJob: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The id of the job. */
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Stop worker successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    actionGetJobLog: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The id of the job. */
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get job log successfully. */
            200: {
                headers: {
                    /** @description The content type of response body */
                    "Content-Type"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    getWorkerPools: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get worker pools successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkerPool"][];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    getWorkers: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name of the pool. 'all' stands for all pools */
                pool_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get workers successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Worker"][];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    listJobQueues: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List job queue successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobQueue"][];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    actionPendingJobs: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The type of the job. 'all' stands for all job types */
                job_type: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ActionRequest"];
            };
        };
        responses: {
            /** @description take action to the jobs in the queue successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    ListLabels: {
        parameters: {
            query?: {
                /** @description The label name. */
                name?: string;
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Relevant project ID, required when scope is p. */
                project_id?: number;
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description The label scope. Valid values are g and p. g for global labels and p for project labels. */
                scope?: string;
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get successfully. */
            200: {
                headers: {
                    /** @description Link to previous page and next page */
                    Link?: string;
                    /** @description The total count of available items */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Label"][];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            500: components["responses"]["500"];
        };
    };
    CreateLabel: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The json object of label. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["Label"];
            };
        };
        responses: {
            /** @description Create successfully. */
            201: {
                headers: {
                    /** @description The URL of the created resource */
                    Location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            409: components["responses"]["409"];
            415: components["responses"]["415"];
            500: components["responses"]["500"];
        };
    };
    GetLabelByID: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Label ID */
                label_id: components["parameters"]["labelId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Label"];
                };
            };
            401: components["responses"]["401"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    UpdateLabel: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Label ID */
                label_id: components["parameters"]["labelId"];
            };
            cookie?: never;
        };
        /** @description The updated label json object. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["Label"];
            };
        };
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            500: components["responses"]["500"];
        };
    };
    DeleteLabel: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Label ID */
                label_id: components["parameters"]["labelId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    searchLdapGroup: {
        parameters: {
            query?: {
                /** @description The LDAP group DN */
                groupdn?: string;
                /** @description Ldap group name */
                groupname?: string;
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Search ldap group successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserGroup"][];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    pingLdap: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description ldap configuration. support input ldap service configuration. If it is a empty request, will load current configuration from the system. */
        requestBody?: {
            content: {
                "application/json": components["schemas"]["LdapConf"];
            };
        };
        responses: {
            /** @description Ping ldap service successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LdapPingResult"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    importLdapUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The uid listed for importing. This list will check users validity of ldap service based on configuration from the system. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["LdapImportUsers"];
            };
        };
        responses: {
            /** @description Add ldap users successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            /** @description Failed import some users. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LdapFailedImportUser"][];
                };
            };
            500: components["responses"]["500"];
        };
    };
    searchLdapUser: {
        parameters: {
            query?: {
                /** @description Registered user ID */
                username?: string;
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Search ldap users successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LdapUser"][];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    ListInstances: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of preheating provider instances */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Instance"][];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    CreateInstance: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["Instance"];
        responses: {
            201: components["responses"]["201"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            500: components["responses"]["500"];
        };
    };
    GetInstance: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Instance Name */
                preheat_instance_name: components["parameters"]["instanceName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Instance"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    UpdateInstance: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Instance Name */
                preheat_instance_name: components["parameters"]["instanceName"];
            };
            cookie?: never;
        };
        /** @description The instance to update */
        requestBody: {
            content: {
                "application/json": components["schemas"]["Instance"];
            };
        };
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    DeleteInstance: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Instance Name */
                preheat_instance_name: components["parameters"]["instanceName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["200"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    PingInstances: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["Instance"];
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            /** @description Instance not found (when instance is provided by ID). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            500: components["responses"]["500"];
        };
    };
    ListProviders: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Metadata"][];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    getPermissions: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get permissions successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Permissions"];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    getPing: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The API server is alive */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
        };
    };
    listProjects: {
        parameters: {
            query?: {
                /** @description The name of project. */
                name?: string;
                /** @description The name of project owner. */
                owner?: string;
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description The project is public or private. */
                public?: boolean;
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
                /** @description Bool value indicating whether return detailed information of the project */
                with_detail?: boolean;
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Return all matched projects. */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of projects */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"][];
                };
            };
            401: components["responses"]["401"];
            500: components["responses"]["500"];
        };
    };
    createProject: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
                /** @description The flag to indicate whether to return the name of the resource in Location. When X-Resource-Name-In-Location is true, the Location will return the name of the resource. */
                "X-Resource-Name-In-Location"?: components["parameters"]["resourceNameInLocation"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description New created project. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProjectReq"];
            };
        };
        responses: {
            201: components["responses"]["201"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            409: components["responses"]["409"];
            500: components["responses"]["500"];
        };
    };
    headProject: {
        parameters: {
            query: {
                /** @description Project name for checking exists. */
                project_name: string;
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    getProject: {
        parameters: {
            query?: never;
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Return matched project information. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
                };
            };
            401: components["responses"]["401"];
            500: components["responses"]["500"];
        };
    };
    updateProject: {
        parameters: {
            query?: never;
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
            };
            cookie?: never;
        };
        /** @description Updates of project. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProjectReq"];
            };
        };
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    deleteProject: {
        parameters: {
            query?: never;
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            412: components["responses"]["412"];
            500: components["responses"]["500"];
        };
    };
    getProjectDeletable: {
        parameters: {
            query?: never;
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Return deletable status of the project. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectDeletable"];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    listArtifactsOfProject: {
        parameters: {
            query?: {
                /** @description Specify whether only the latest pushed artifact of each repository is included inside the returning artifacts. Only works when either artifact_type or media_type is included in the query. */
                latest_in_repository?: boolean;
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
                /** @description Specify whether the accessories are included of the returning artifacts. Only works when setting "with_accessory=true" */
                with_accessory?: boolean;
                /** @description Specify whether the immutable status is included inside the tags of the returning artifacts. Only works when setting "with_immutable_status=true" */
                with_immutable_status?: boolean;
                /** @description Specify whether the labels are included inside the returning artifacts */
                with_label?: boolean;
                /** @description Specify whether the SBOM overview is included in returning artifacts, when this option is true, the SBOM overview will be included in the response */
                with_sbom_overview?: boolean;
                /** @description Specify whether the scan overview is included inside the returning artifacts */
                with_scan_overview?: boolean;
                /** @description Specify whether the tags are included inside the returning artifacts */
                with_tag?: boolean;
            };
            header?: {
                /**
                 * @description A comma-separated lists of MIME types for the scan report or scan summary. The first mime type will be used when the report found for it.
                 *     Currently the mime type supports 'application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0' and 'application/vnd.security.vulnerability.report; version=1.1'
                 */
                "X-Accept-Vulnerabilities"?: components["parameters"]["acceptVulnerabilities"];
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of artifacts */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Artifact"][];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    ListImmuRules: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
            };
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of immutable tag */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImmutableRule"][];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    CreateImmuRule: {
        parameters: {
            query?: never;
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["ImmutableRule"];
        responses: {
            201: components["responses"]["201"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    UpdateImmuRule: {
        parameters: {
            query?: never;
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The ID of the immutable rule */
                immutable_rule_id: components["parameters"]["immutableRuleId"];
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["ImmutableRule"];
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    DeleteImmuRule: {
        parameters: {
            query?: never;
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The ID of the immutable rule */
                immutable_rule_id: components["parameters"]["immutableRuleId"];
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    listProjectMembers: {
        parameters: {
            query?: {
                /** @description The entity name to search. */
                entityname?: string;
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
            };
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get project members successfully. */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of members */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectMemberEntity"][];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    createProjectMember: {
        parameters: {
            query?: never;
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ProjectMember"];
            };
        };
        responses: {
            /** @description Project member created successfully. */
            201: {
                headers: {
                    /** @description The URL of the created resource */
                    Location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            409: components["responses"]["409"];
            500: components["responses"]["500"];
        };
    };
    getProjectMember: {
        parameters: {
            query?: never;
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The member ID */
                mid: number;
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Project member retrieved successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectMemberEntity"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    updateProjectMember: {
        parameters: {
            query?: never;
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Member ID. */
                mid: number;
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RoleRequest"];
            };
        };
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    deleteProjectMember: {
        parameters: {
            query?: never;
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Member ID. */
                mid: number;
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    listProjectMetadatas: {
        parameters: {
            query?: never;
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: string;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    addProjectMetadatas: {
        parameters: {
            query?: never;
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
            };
            cookie?: never;
        };
        requestBody?: components["requestBodies"]["addProjectMetadatasMetadata"];
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            500: components["responses"]["500"];
        };
    };
    getProjectMetadata: {
        parameters: {
            query?: never;
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name of metadata. */
                meta_name: string;
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: string;
                    };
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    updateProjectMetadata: {
        parameters: {
            query?: never;
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name of metadata. */
                meta_name: string;
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
            };
            cookie?: never;
        };
        requestBody?: components["requestBodies"]["addProjectMetadatasMetadata"];
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            500: components["responses"]["500"];
        };
    };
    deleteProjectMetadata: {
        parameters: {
            query?: never;
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name of metadata. */
                meta_name: string;
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            500: components["responses"]["500"];
        };
    };
    getScannerOfProject: {
        parameters: {
            query?: never;
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The details of the scanner registration. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScannerRegistration"];
                };
            };
            /** @description Bad project ID */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unauthorized request */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Request is not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The requested object is not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Internal server error happened */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    setScannerOfProject: {
        parameters: {
            query?: never;
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProjectScanner"];
            };
        };
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    listScannerCandidatesOfProject: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
            };
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A list of scanner registrations. */
            200: {
                headers: {
                    /** @description Link to previous page and next page */
                    Link?: string;
                    /** @description The total count of available items */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScannerRegistration"][];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    getProjectSummary: {
        parameters: {
            query?: never;
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get summary of the project successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectSummary"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    GetSupportedEventTypes: {
        parameters: {
            query?: never;
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupportedWebhookEventTypes"];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    ListWebhookJobs: {
        parameters: {
            query: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description The policy ID. */
                policy_id: number;
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
                /** @description The status of webhook job. */
                status?: string[];
            };
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List project webhook jobs successfully. */
            200: {
                headers: {
                    /** @description Link to previous page and next page */
                    Link?: string;
                    /** @description The total count of available items */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookJob"][];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    LastTrigger: {
        parameters: {
            query?: never;
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Test webhook connection successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookLastTrigger"][];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    ListWebhookPoliciesOfProject: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
            };
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of webhook policies. */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookPolicy"][];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    CreateWebhookPolicyOfProject: {
        parameters: {
            query?: never;
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
            };
            cookie?: never;
        };
        /** @description Properties "targets" and "event_types" needed. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookPolicy"];
            };
        };
        responses: {
            /** @description Project webhook policy create successfully. */
            201: {
                headers: {
                    /** @description The location of the resource */
                    Location?: string;
                    /** @description The ID of the corresponding request for the response */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    GetWebhookPolicyOfProject: {
        parameters: {
            query?: never;
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
                /** @description The ID of the webhook policy */
                webhook_policy_id: components["parameters"]["webhookPolicyId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get webhook policy successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookPolicy"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    UpdateWebhookPolicyOfProject: {
        parameters: {
            query?: never;
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
                /** @description The ID of the webhook policy */
                webhook_policy_id: components["parameters"]["webhookPolicyId"];
            };
            cookie?: never;
        };
        /** @description All properties needed except "id", "project_id", "creation_time", "update_time". */
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookPolicy"];
            };
        };
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    DeleteWebhookPolicyOfProject: {
        parameters: {
            query?: never;
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
                /** @description The ID of the webhook policy */
                webhook_policy_id: components["parameters"]["webhookPolicyId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    ListExecutionsOfWebhookPolicy: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
            };
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
                /** @description The ID of the webhook policy */
                webhook_policy_id: components["parameters"]["webhookPolicyId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List webhook executions success */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of executions */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Execution"][];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    ListTasksOfWebhookExecution: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
            };
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Execution ID */
                execution_id: components["parameters"]["executionId"];
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
                /** @description The ID of the webhook policy */
                webhook_policy_id: components["parameters"]["webhookPolicyId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List tasks of webhook executions success */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of tasks */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"][];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    GetLogsOfWebhookTask: {
        parameters: {
            query?: never;
            header?: {
                /** @description The flag to indicate whether the parameter which supports both name and id in the path is the name of the resource. When the X-Is-Resource-Name is false and the parameter can be converted to an integer, the parameter will be as an id, otherwise, it will be as a name. */
                "X-Is-Resource-Name"?: components["parameters"]["isResourceName"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Execution ID */
                execution_id: components["parameters"]["executionId"];
                /** @description The name or id of the project */
                project_name_or_id: components["parameters"]["projectNameOrId"];
                /** @description Task ID */
                task_id: components["parameters"]["taskId"];
                /** @description The ID of the webhook policy */
                webhook_policy_id: components["parameters"]["webhookPolicyId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get log success */
            200: {
                headers: {
                    /** @description Content type of response */
                    "Content-Type"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    getLogExts: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of auditlogs */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditLogExt"][];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            500: components["responses"]["500"];
        };
    };
    getLogs: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of auditlogs */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditLog"][];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            500: components["responses"]["500"];
        };
    };
    ListPolicies: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List preheat policies success */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of policies */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreheatPolicy"][];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    CreatePolicy: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["PreheatPolicy"];
        responses: {
            201: components["responses"]["201"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            409: components["responses"]["409"];
            500: components["responses"]["500"];
        };
    };
    GetPolicy: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Preheat Policy Name */
                preheat_policy_name: components["parameters"]["preheatPolicyName"];
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get a preheat policy success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreheatPolicy"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    UpdatePolicy: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Preheat Policy Name */
                preheat_policy_name: components["parameters"]["preheatPolicyName"];
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["PreheatPolicy"];
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            500: components["responses"]["500"];
        };
    };
    ManualPreheat: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Preheat Policy Name */
                preheat_policy_name: components["parameters"]["preheatPolicyName"];
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["PreheatPolicy"];
        responses: {
            201: components["responses"]["201"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    DeletePolicy: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Preheat Policy Name */
                preheat_policy_name: components["parameters"]["preheatPolicyName"];
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    ListExecutions: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Preheat Policy Name */
                preheat_policy_name: components["parameters"]["preheatPolicyName"];
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List executions success */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of executions */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Execution"][];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    GetExecution: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Execution ID */
                execution_id: components["parameters"]["executionId"];
                /** @description Preheat Policy Name */
                preheat_policy_name: components["parameters"]["preheatPolicyName"];
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get execution success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Execution"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    StopExecution: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Execution ID */
                execution_id: components["parameters"]["executionId"];
                /** @description Preheat Policy Name */
                preheat_policy_name: components["parameters"]["preheatPolicyName"];
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
            };
            cookie?: never;
        };
        /** @description The data of execution */
        requestBody: {
            content: {
                "application/json": components["schemas"]["Execution"];
            };
        };
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    ListTasks: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Execution ID */
                execution_id: components["parameters"]["executionId"];
                /** @description Preheat Policy Name */
                preheat_policy_name: components["parameters"]["preheatPolicyName"];
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description List tasks success */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of tasks */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"][];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    GetPreheatLog: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Execution ID */
                execution_id: components["parameters"]["executionId"];
                /** @description Preheat Policy Name */
                preheat_policy_name: components["parameters"]["preheatPolicyName"];
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
                /** @description Task ID */
                task_id: components["parameters"]["taskId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get log success */
            200: {
                headers: {
                    /** @description Content type of response */
                    "Content-Type"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    ListProvidersUnderProject: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderUnderProject"][];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    listRepositories: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of repositories */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Repository"][];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    getRepository: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
                /** @description The name of the repository. If it contains slash, encode it twice over with URL encoding. e.g. a/b -> a%2Fb -> a%252Fb */
                repository_name: components["parameters"]["repositoryName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Repository"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    updateRepository: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
                /** @description The name of the repository. If it contains slash, encode it twice over with URL encoding. e.g. a/b -> a%2Fb -> a%252Fb */
                repository_name: components["parameters"]["repositoryName"];
            };
            cookie?: never;
        };
        /** @description The JSON object of repository. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["Repository"];
            };
        };
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    deleteRepository: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
                /** @description The name of the repository. If it contains slash, encode it twice over with URL encoding. e.g. a/b -> a%2Fb -> a%252Fb */
                repository_name: components["parameters"]["repositoryName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    listArtifacts: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
                /** @description Specify whether the accessories are included of the returning artifacts. Only works when setting "with_accessory=true" */
                with_accessory?: boolean;
                /** @description Specify whether the immutable status is included inside the tags of the returning artifacts. Only works when setting "with_immutable_status=true" */
                with_immutable_status?: boolean;
                /** @description Specify whether the labels are included inside the returning artifacts */
                with_label?: boolean;
                /** @description Specify whether the SBOM overview is included in returning artifacts, when this option is true, the SBOM overview will be included in the response */
                with_sbom_overview?: boolean;
                /** @description Specify whether the scan overview is included inside the returning artifacts */
                with_scan_overview?: boolean;
                /** @description Specify whether the tags are included inside the returning artifacts */
                with_tag?: boolean;
            };
            header?: {
                /**
                 * @description A comma-separated lists of MIME types for the scan report or scan summary. The first mime type will be used when the report found for it.
                 *     Currently the mime type supports 'application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0' and 'application/vnd.security.vulnerability.report; version=1.1'
                 */
                "X-Accept-Vulnerabilities"?: components["parameters"]["acceptVulnerabilities"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
                /** @description The name of the repository. If it contains slash, encode it twice over with URL encoding. e.g. a/b -> a%2Fb -> a%252Fb */
                repository_name: components["parameters"]["repositoryName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of artifacts */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Artifact"][];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    CopyArtifact: {
        parameters: {
            query: {
                /** @description The artifact from which the new artifact is copied from, the format should be "project/repository:tag" or "project/repository@digest". */
                from: string;
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
                /** @description The name of the repository. If it contains slash, encode it twice over with URL encoding. e.g. a/b -> a%2Fb -> a%252Fb */
                repository_name: components["parameters"]["repositoryName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            201: components["responses"]["201"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            405: components["responses"]["405"];
            500: components["responses"]["500"];
        };
    };
    getArtifact: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Specify whether the accessories are included of the returning artifacts. */
                with_accessory?: boolean;
                /** @description Specify whether the immutable status is inclued inside the tags of the returning artifacts. */
                with_immutable_status?: boolean;
                /** @description Specify whether the labels are inclued inside the returning artifacts */
                with_label?: boolean;
                /** @description Specify whether the SBOM overview is included in returning artifact, when this option is true, the SBOM overview will be included in the response */
                with_sbom_overview?: boolean;
                /** @description Specify whether the scan overview is inclued inside the returning artifacts */
                with_scan_overview?: boolean;
                /** @description Specify whether the signature is inclued inside the returning artifacts */
                with_signature?: boolean;
                /** @description Specify whether the tags are inclued inside the returning artifacts */
                with_tag?: boolean;
            };
            header?: {
                /**
                 * @description A comma-separated lists of MIME types for the scan report or scan summary. The first mime type will be used when the report found for it.
                 *     Currently the mime type supports 'application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0' and 'application/vnd.security.vulnerability.report; version=1.1'
                 */
                "X-Accept-Vulnerabilities"?: components["parameters"]["acceptVulnerabilities"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
                /** @description The reference of the artifact, can be digest or tag */
                reference: components["parameters"]["reference"];
                /** @description The name of the repository. If it contains slash, encode it twice over with URL encoding. e.g. a/b -> a%2Fb -> a%252Fb */
                repository_name: components["parameters"]["repositoryName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Artifact"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    deleteArtifact: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
                /** @description The reference of the artifact, can be digest or tag */
                reference: components["parameters"]["reference"];
                /** @description The name of the repository. If it contains slash, encode it twice over with URL encoding. e.g. a/b -> a%2Fb -> a%252Fb */
                repository_name: components["parameters"]["repositoryName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["200"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    listAccessories: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
                /** @description The reference of the artifact, can be digest or tag */
                reference: components["parameters"]["reference"];
                /** @description The name of the repository. If it contains slash, encode it twice over with URL encoding. e.g. a/b -> a%2Fb -> a%252Fb */
                repository_name: components["parameters"]["repositoryName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of accessories */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Accessory"][];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    getAddition: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The type of addition. */
                addition: "build_history" | "values.yaml" | "readme.md" | "dependencies" | "sbom" | "license" | "files";
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
                /** @description The reference of the artifact, can be digest or tag */
                reference: components["parameters"]["reference"];
                /** @description The name of the repository. If it contains slash, encode it twice over with URL encoding. e.g. a/b -> a%2Fb -> a%252Fb */
                repository_name: components["parameters"]["repositoryName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description The content type of the addition */
                    "Content-Type"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    getVulnerabilitiesAddition: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A comma-separated lists of MIME types for the scan report or scan summary. The first mime type will be used when the report found for it.
                 *     Currently the mime type supports 'application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0' and 'application/vnd.security.vulnerability.report; version=1.1'
                 */
                "X-Accept-Vulnerabilities"?: components["parameters"]["acceptVulnerabilities"];
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
                /** @description The reference of the artifact, can be digest or tag */
                reference: components["parameters"]["reference"];
                /** @description The name of the repository. If it contains slash, encode it twice over with URL encoding. e.g. a/b -> a%2Fb -> a%252Fb */
                repository_name: components["parameters"]["repositoryName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description The content type of the vulnerabilities addition */
                    "Content-Type"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    addLabel: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
                /** @description The reference of the artifact, can be digest or tag */
                reference: components["parameters"]["reference"];
                /** @description The name of the repository. If it contains slash, encode it twice over with URL encoding. e.g. a/b -> a%2Fb -> a%252Fb */
                repository_name: components["parameters"]["repositoryName"];
            };
            cookie?: never;
        };
        /** @description The label that added to the artifact. Only the ID property is needed. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["Label"];
            };
        };
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            500: components["responses"]["500"];
        };
    };
    removeLabel: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The ID of the label that removed from the artifact. */
                label_id: number;
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
                /** @description The reference of the artifact, can be digest or tag */
                reference: components["parameters"]["reference"];
                /** @description The name of the repository. If it contains slash, encode it twice over with URL encoding. e.g. a/b -> a%2Fb -> a%252Fb */
                repository_name: components["parameters"]["repositoryName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["200"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            500: components["responses"]["500"];
        };
    };
    scanArtifact: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
                /** @description The reference of the artifact, can be digest or tag */
                reference: components["parameters"]["reference"];
                /** @description The name of the repository. If it contains slash, encode it twice over with URL encoding. e.g. a/b -> a%2Fb -> a%252Fb */
                repository_name: components["parameters"]["repositoryName"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ScanType"];
            };
        };
        responses: {
            202: components["responses"]["202"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    getReportLog: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
                /** @description The reference of the artifact, can be digest or tag */
                reference: components["parameters"]["reference"];
                /** @description The report id to get the log */
                report_id: string;
                /** @description The name of the repository. If it contains slash, encode it twice over with URL encoding. e.g. a/b -> a%2Fb -> a%252Fb */
                repository_name: components["parameters"]["repositoryName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successfully get scan log file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    stopScanArtifact: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
                /** @description The reference of the artifact, can be digest or tag */
                reference: components["parameters"]["reference"];
                /** @description The name of the repository. If it contains slash, encode it twice over with URL encoding. e.g. a/b -> a%2Fb -> a%252Fb */
                repository_name: components["parameters"]["repositoryName"];
            };
            cookie?: never;
        };
        /** @description The scan type: Vulnerabilities, SBOM */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScanType"];
            };
        };
        responses: {
            202: components["responses"]["202"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            422: components["responses"]["422"];
            500: components["responses"]["500"];
        };
    };
    listTags: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
                /** @description Specify whether the immutable status is included inside the returning tags */
                with_immutable_status?: boolean;
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
                /** @description The reference of the artifact, can be digest or tag */
                reference: components["parameters"]["reference"];
                /** @description The name of the repository. If it contains slash, encode it twice over with URL encoding. e.g. a/b -> a%2Fb -> a%252Fb */
                repository_name: components["parameters"]["repositoryName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of tags */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tag"][];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    createTag: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
                /** @description The reference of the artifact, can be digest or tag */
                reference: components["parameters"]["reference"];
                /** @description The name of the repository. If it contains slash, encode it twice over with URL encoding. e.g. a/b -> a%2Fb -> a%252Fb */
                repository_name: components["parameters"]["repositoryName"];
            };
            cookie?: never;
        };
        /** @description The JSON object of tag. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewTag"];
            };
        };
        responses: {
            201: components["responses"]["201"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            405: components["responses"]["405"];
            409: components["responses"]["409"];
            500: components["responses"]["500"];
        };
    };
    deleteTag: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The name of the project */
                project_name: components["parameters"]["projectName"];
                /** @description The reference of the artifact, can be digest or tag */
                reference: components["parameters"]["reference"];
                /** @description The name of the repository. If it contains slash, encode it twice over with URL encoding. e.g. a/b -> a%2Fb -> a%252Fb */
                repository_name: components["parameters"]["repositoryName"];
                /** @description The name of the tag */
                tag_name: components["parameters"]["tagName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["200"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    listQuotas: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description The reference type of quota. */
                reference?: string;
                /** @description The reference id of quota. */
                reference_id?: string;
                /**
                 * @description Sort method, valid values include:
                 *     'hard.resource_name', '-hard.resource_name', 'used.resource_name', '-used.resource_name'.
                 *     Here '-' stands for descending order, resource_name should be the real resource name of the quota.
                 */
                sort?: string;
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successfully retrieved the quotas. */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of access logs */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Quota"][];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    getQuota: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Quota ID */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successfully retrieved the quota. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Quota"];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    updateQuota: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Quota ID */
                id: number;
            };
            cookie?: never;
        };
        /** @description The new hard limits for the quota */
        requestBody: {
            content: {
                "application/json": components["schemas"]["QuotaUpdateReq"];
            };
        };
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    listRegistries: {
        parameters: {
            query?: {
                /** @description Deprecated, use `q` instead. */
                name?: string;
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of the resources */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Registry"][];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    createRegistry: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The registry */
        requestBody: {
            content: {
                "application/json": components["schemas"]["Registry"];
            };
        };
        responses: {
            201: components["responses"]["201"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            409: components["responses"]["409"];
            500: components["responses"]["500"];
        };
    };
    getRegistry: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Registry ID */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Registry"];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    updateRegistry: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The registry ID */
                id: number;
            };
            cookie?: never;
        };
        /** @description The registry */
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegistryUpdate"];
            };
        };
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            500: components["responses"]["500"];
        };
    };
    deleteRegistry: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Registry ID */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["200"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            412: components["responses"]["412"];
            500: components["responses"]["500"];
        };
    };
    getRegistryInfo: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Registry ID */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegistryInfo"];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    pingRegistry: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The registry */
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegistryPing"];
            };
        };
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    listRegistryProviderInfos: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: components["schemas"]["RegistryProviderInfo"];
                    };
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    listRegistryProviderTypes: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string[];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    listReplicationExecutions: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description The ID of the policy that the executions belong to. */
                policy_id?: number;
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
                /** @description The execution status. */
                status?: string;
                /** @description The trigger mode. */
                trigger?: string;
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of the resources */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReplicationExecution"][];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    startReplication: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The ID of policy that the execution belongs to */
        requestBody: {
            content: {
                "application/json": components["schemas"]["StartReplicationExecution"];
            };
        };
        responses: {
            201: components["responses"]["201"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    getReplicationExecution: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The ID of the execution. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReplicationExecution"];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    stopReplication: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The ID of the execution. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["200"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    listReplicationTasks: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description The resource type. */
                resource_type?: string;
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
                /** @description The task status. */
                status?: string;
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The ID of the execution that the tasks belongs to. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of the resources */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReplicationTask"][];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    getReplicationLog: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The ID of the execution that the tasks belongs to. */
                id: number;
                /** @description The ID of the task. */
                task_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description The content type of response body */
                    "Content-Type"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    listReplicationPolicies: {
        parameters: {
            query?: {
                /** @description Deprecated, use "query" instead. The policy name. */
                name?: string;
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of the resources */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReplicationPolicy"][];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    createReplicationPolicy: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["ReplicationPolicy"];
        responses: {
            201: components["responses"]["201"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            409: components["responses"]["409"];
            500: components["responses"]["500"];
        };
    };
    getReplicationPolicy: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Policy ID */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReplicationPolicy"];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    updateReplicationPolicy: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The policy ID */
                id: number;
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["ReplicationPolicy"];
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            500: components["responses"]["500"];
        };
    };
    deleteReplicationPolicy: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Replication policy ID */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["200"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            412: components["responses"]["412"];
            500: components["responses"]["500"];
        };
    };
    listAllRepositories: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of repositories */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Repository"][];
                };
            };
            400: components["responses"]["400"];
            500: components["responses"]["500"];
        };
    };
    createRetention: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description Create Retention Policy successfully. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["RetentionPolicy"];
            };
        };
        responses: {
            201: components["responses"]["201"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    getRetention: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Retention ID. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get Retention Policy successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetentionPolicy"];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    updateRetention: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Retention ID. */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RetentionPolicy"];
            };
        };
        responses: {
            /** @description Update Retention Policy successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    deleteRetention: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Retention ID. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Update Retention Policy successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    listRetentionExecutions: {
        parameters: {
            query?: {
                /** @description The page number. */
                page?: number;
                /** @description The size of per page. */
                page_size?: number;
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Retention ID. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get a Retention execution successfully. */
            200: {
                headers: {
                    /** @description Link to previous page and next page */
                    Link?: string;
                    /** @description The total count of available items */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetentionExecution"][];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    triggerRetentionExecution: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Retention ID. */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    dry_run?: boolean;
                };
            };
        };
        responses: {
            /** @description Trigger a Retention job successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            201: components["responses"]["201"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    operateRetentionExecution: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Retention execution ID. */
                eid: number;
                /** @description Retention ID. */
                id: number;
            };
            cookie?: never;
        };
        /** @description The action, only support "stop" now. */
        requestBody: {
            content: {
                "application/json": {
                    action?: string;
                };
            };
        };
        responses: {
            /** @description Stop a Retention job successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    listRetentionTasks: {
        parameters: {
            query?: {
                /** @description The page number. */
                page?: number;
                /** @description The size of per page. */
                page_size?: number;
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Retention execution ID. */
                eid: number;
                /** @description Retention ID. */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get Retention job tasks successfully. */
            200: {
                headers: {
                    /** @description Link to previous page and next page */
                    Link?: string;
                    /** @description The total count of available items */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetentionExecutionTask"][];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    getRetentionTaskLog: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Retention execution ID. */
                eid: number;
                /** @description Retention ID. */
                id: number;
                /** @description Retention execution ID. */
                tid: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get Retention job task log successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    getRentenitionMetadata: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get Retention Metadatas successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetentionMetadata"];
                };
            };
        };
    };
    ListRobot: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of robot accounts */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Robot"][];
                };
            };
            400: components["responses"]["400"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    CreateRobot: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The JSON object of a robot account. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["RobotCreate"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The location of the resource */
                    Location?: string;
                    /** @description The ID of the corresponding request for the response */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RobotCreated"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    GetRobotByID: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Robot ID */
                robot_id: components["parameters"]["robotId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Return matched robot information. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Robot"];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    UpdateRobot: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Robot ID */
                robot_id: components["parameters"]["robotId"];
            };
            cookie?: never;
        };
        /** @description The JSON object of a robot account. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["Robot"];
            };
        };
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            409: components["responses"]["409"];
            500: components["responses"]["500"];
        };
    };
    DeleteRobot: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Robot ID */
                robot_id: components["parameters"]["robotId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    RefreshSec: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Robot ID */
                robot_id: components["parameters"]["robotId"];
            };
            cookie?: never;
        };
        /** @description The JSON object of a robot account. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["RobotSec"];
            };
        };
        responses: {
            /** @description Return refreshed robot sec. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RobotSec"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    listScanners: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A list of scanner registrations. */
            200: {
                headers: {
                    /** @description Link to previous page and next page */
                    Link?: string;
                    /** @description The total count of available items */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScannerRegistration"][];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    createScanner: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description A scanner registration to be created. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScannerRegistrationReq"];
            };
        };
        responses: {
            /** @description Created successfully */
            201: {
                headers: {
                    /** @description The URL of the created resource */
                    Location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    getScanner: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The scanner registration identifer. */
                registration_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The details of the scanner registration. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScannerRegistration"];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    updateScanner: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The scanner registration identifier. */
                registration_id: string;
            };
            cookie?: never;
        };
        /** @description A scanner registration to be updated. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScannerRegistrationReq"];
            };
        };
        responses: {
            200: components["responses"]["200"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    deleteScanner: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The scanner registration identifier. */
                registration_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted successfully and return the deleted registration */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScannerRegistration"];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    setScannerAsDefault: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The scanner registration identifier. */
                registration_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IsDefault"];
            };
        };
        responses: {
            /** @description Successfully set the specified scanner registration as system default */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    getScannerMetadata: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The scanner registration identifier. */
                registration_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The metadata of the specified scanner adapter */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScannerAdapterMetadata"];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    pingScanner: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description A scanner registration settings to be tested. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScannerRegistrationSettings"];
            };
        };
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    getLatestScanAllMetrics: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Stats"];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            412: components["responses"]["412"];
            500: components["responses"]["500"];
        };
    };
    getLatestScheduledScanAllMetrics: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Stats"];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            412: components["responses"]["412"];
            500: components["responses"]["500"];
        };
    };
    listSchedules: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description list schedule successfully. */
            200: {
                headers: {
                    /** @description Link to previous page and next page */
                    Link?: string;
                    /** @description The total count of available items */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScheduleTask"][];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    getSchedulePaused: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The type of the job. 'all' stands for all job types, current only support query with all */
                job_type: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get scheduler status successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SchedulerStatus"];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    search: {
        parameters: {
            query: {
                /** @description Search parameter for project and repository name. */
                q: string;
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An array of search results */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Search"];
                };
            };
            500: components["responses"]["500"];
        };
    };
    getSecuritySummary: {
        parameters: {
            query?: {
                /** @description Specify whether the dangerous Artifact are included inside summary information */
                with_dangerous_artifact?: boolean;
                /** @description Specify whether the dangerous CVEs are included inside summary information */
                with_dangerous_cve?: boolean;
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecuritySummary"];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    ListVulnerabilities: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Enable to ignore X-Total-Count when the total count > 1000, if the total count is less than 1000, the real total count is returned, else -1. */
                tune_count?: boolean;
                /** @description Specify whether the tag information is included inside vulnerability information */
                with_tag?: boolean;
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The vulnerability list. */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of vulnerabilities */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VulnerabilityItem"][];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            500: components["responses"]["500"];
        };
    };
    getStatistic: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The statistic information */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Statistic"];
                };
            };
            401: components["responses"]["401"];
            500: components["responses"]["500"];
        };
    };
    getSystemCVEAllowlist: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successfully retrieved the CVE allowlist. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CVEAllowlist"];
                };
            };
            401: components["responses"]["401"];
            500: components["responses"]["500"];
        };
    };
    putSystemCVEAllowlist: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The allowlist with new content */
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CVEAllowlist"];
            };
        };
        responses: {
            /** @description Successfully updated the CVE allowlist. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    getGCHistory: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get gc results successfully. */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of history */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GCHistory"][];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    getGC: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The ID of the gc log */
                gc_id: components["parameters"]["gcId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get gc results successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GCHistory"];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    stopGC: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The ID of the gc log */
                gc_id: components["parameters"]["gcId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["200"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    getGCLog: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The ID of the gc log */
                gc_id: components["parameters"]["gcId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    getGCSchedule: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get gc's schedule. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GCHistory"];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    updateGCSchedule: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["Schedule"];
        responses: {
            /** @description Updated gc's schedule successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    createGCSchedule: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["Schedule"];
        responses: {
            201: components["responses"]["201"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            409: components["responses"]["409"];
            500: components["responses"]["500"];
        };
    };
    pingOIDC: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description Request body for OIDC endpoint to be tested. */
        requestBody: {
            content: {
                "application/json": {
                    /** @description The URL of OIDC endpoint to be tested. */
                    url?: string;
                    /** @description Whether the certificate should be verified */
                    verify_cert?: boolean;
                };
            };
        };
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
        };
    };
    getPurgeHistory: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get purge job results successfully. */
            200: {
                headers: {
                    /** @description Link refers to the previous page and next page */
                    Link?: string;
                    /** @description The total count of history */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecHistory"][];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    getPurgeJob: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The ID of the purge log */
                purge_id: components["parameters"]["purgeId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get purge job results successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecHistory"];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    stopPurge: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The ID of the purge log */
                purge_id: components["parameters"]["purgeId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["200"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    getPurgeJobLog: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description The ID of the purge log */
                purge_id: components["parameters"]["purgeId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    getPurgeSchedule: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get purge job's schedule. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecHistory"];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    updatePurgeSchedule: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["Schedule2"];
        responses: {
            /** @description Updated purge's schedule successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    createPurgeSchedule: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["Schedule2"];
        responses: {
            201: components["responses"]["201"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    getScanAllSchedule: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get a schedule for the scan all job, which scans all of images in Harbor. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Schedule"];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            412: components["responses"]["412"];
            500: components["responses"]["500"];
        };
    };
    updateScanAllSchedule: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description Updates the schedule of scan all job, which scans all of images in Harbor. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["Schedule"];
            };
        };
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            412: components["responses"]["412"];
            500: components["responses"]["500"];
        };
    };
    createScanAllSchedule: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description Create a schedule or a manual trigger for the scan all job. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["Schedule"];
            };
        };
        responses: {
            201: components["responses"]["201"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            409: components["responses"]["409"];
            412: components["responses"]["412"];
            500: components["responses"]["500"];
        };
    };
    stopScanAll: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: components["responses"]["202"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    getSystemInfo: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get general info successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GeneralInfo"];
                };
            };
            500: components["responses"]["500"];
        };
    };
    getCert: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get default root certificate successfully. */
            200: {
                headers: {
                    /** @description To set the filename of the downloaded file. */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description Not found the default root certificate. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            500: components["responses"]["500"];
        };
    };
    getVolumes: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get system volumes successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SystemInfo"];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    listUserGroups: {
        parameters: {
            query?: {
                /** @description group name need to search, fuzzy matches */
                group_name?: string;
                /** @description search with ldap group DN */
                ldap_group_dn?: string;
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get user group successfully. */
            200: {
                headers: {
                    /** @description Link to previous page and next page */
                    Link?: string;
                    /** @description The total count of available items */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserGroup"][];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    createUserGroup: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: components["requestBodies"]["UserGroup"];
        responses: {
            /** @description User group created successfully. */
            201: {
                headers: {
                    /** @description The URL of the created resource */
                    Location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            409: components["responses"]["409"];
            500: components["responses"]["500"];
        };
    };
    getUserGroup: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Group ID */
                group_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description User group get successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserGroup"];
                };
            };
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    updateUserGroup: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Group ID */
                group_id: number;
            };
            cookie?: never;
        };
        requestBody?: components["requestBodies"]["UserGroup"];
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    deleteUserGroup: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                group_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["200"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    searchUserGroups: {
        parameters: {
            query: {
                /** @description Group name for filtering results. */
                groupname: string;
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Search groups successfully. */
            200: {
                headers: {
                    /** @description Link to previous page and next page */
                    Link?: string;
                    /** @description The total count of available items */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserGroupSearchItem"][];
                };
            };
            401: components["responses"]["401"];
            409: components["responses"]["409"];
            500: components["responses"]["500"];
        };
    };
    listUsers: {
        parameters: {
            query?: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Query string to query resources. Supported query patterns are "exact match(k=v)", "fuzzy match(k=~v)", "range(k=[min~max])", "list with union releationship(k={v1 v2 v3})" and "list with intersetion relationship(k=(v1 v2 v3))". The value of range and list can be string(enclosed by " or '), integer or time(in format "2020-04-09 02:36:00"). All of these query patterns should be put in the query string "q=xxx" and splitted by ",". e.g. q=k1=v1,k2=~v2,k3=[min~max] */
                q?: components["parameters"]["query"];
                /** @description Sort the resource list in ascending or descending order. e.g. sort by field1 in ascending order and field2 in descending order with "sort=field1,-field2" */
                sort?: components["parameters"]["sort"];
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description return the list of users. */
            200: {
                headers: {
                    /** @description Link to previous page and next page */
                    Link?: string;
                    /** @description The total count of users */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResp"][];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            500: components["responses"]["500"];
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The new user */
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserCreationReq"];
            };
        };
        responses: {
            201: components["responses"]["201"];
            400: components["responses"]["400"];
            401: components["responses"]["401"];
            /** @description When the  self registration is disabled, non-admin does not have permission to create user.  When self registration is enabled, this API can only be called from UI portal, calling it via script will get a 403 error. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            409: components["responses"]["409"];
            500: components["responses"]["500"];
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                user_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get user's info successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResp"];
                };
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    updateUserProfile: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description Registered user ID */
                user_id: number;
            };
            cookie?: never;
        };
        /** @description Only email, realname and comment can be modified. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserProfile"];
            };
        };
        responses: {
            200: components["responses"]["200"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    deleteUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description User ID for marking as to be removed. */
                user_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["200"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            500: components["responses"]["500"];
        };
    };
    setCliSecret: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                /** @description User ID */
                user_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OIDCCliSecretReq"];
            };
        };
        responses: {
            /** @description The secret is successfully updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid user ID.  Or user is not onboarded via OIDC authentication. Or the secret does not meet the standard. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            /** @description The auth mode of the system is not "oidc_auth", or the user is not onboarded via OIDC AuthN. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            500: components["responses"]["500"];
        };
    };
    updateUserPassword: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                user_id: number;
            };
            cookie?: never;
        };
        /** @description Password to be updated, the attribute 'old_password' is optional when the API is called by the system administrator. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordReq"];
            };
        };
        responses: {
            200: components["responses"]["200"];
            /** @description Invalid user ID; Password does not meet requirement */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["401"];
            /** @description The caller does not have permission to update the password of the user with given ID, or the old password in request body is not correct. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            500: components["responses"]["500"];
        };
    };
    setUserSysAdmin: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path: {
                user_id: number;
            };
            cookie?: never;
        };
        /** @description Toggle a user to admin or not. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserSysAdminFlag"];
            };
        };
        responses: {
            200: components["responses"]["200"];
            401: components["responses"]["401"];
            403: components["responses"]["403"];
            404: components["responses"]["404"];
            /** @description Unexpected internal errors. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getCurrentUserInfo: {
        parameters: {
            query?: never;
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get current user information successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResp"];
                };
            };
            401: components["responses"]["401"];
            500: components["responses"]["500"];
        };
    };
    getCurrentUserPermissions: {
        parameters: {
            query?: {
                /**
                 * @description If true, the resources in the response are relative to the scope,
                 *     eg for resource '/project/1/repository' if relative is 'true' then the resource in response will be 'repository'.
                 */
                relative?: boolean;
                /** @description The scope for the permission */
                scope?: string;
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Get current user permission successfully. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Permission"][];
                };
            };
            /** @description User need to log in first. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Internal errors. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    searchUsers: {
        parameters: {
            query: {
                /** @description The page number */
                page?: components["parameters"]["page"];
                /** @description The size of per page */
                page_size?: components["parameters"]["pageSize"];
                /** @description Username for filtering results. */
                username: string;
            };
            header?: {
                /** @description An unique ID for the request */
                "X-Request-Id"?: components["parameters"]["requestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Search users by username successfully. */
            200: {
                headers: {
                    /** @description Link to previous page and next page */
                    Link?: string;
                    /** @description The total count of available items */
                    "X-Total-Count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserSearchRespItem"][];
                };
            };
            401: components["responses"]["401"];
            500: components["responses"]["500"];
        };
    };
}
